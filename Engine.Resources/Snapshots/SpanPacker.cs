using System.Buffers.Binary;
using System.Text;

namespace Engine.Resources.Snapshots;

/// <summary>
/// Writes MessagePack values into a span the caller sized in advance. Used for records: one span request
/// per record instead of one buffer check per field makes writing a million records several times faster.
/// Always emits the smallest MessagePack form, so any MessagePack reader decodes the result.
/// </summary>
internal ref struct SpanPacker(Span<byte> span)
{
    private readonly Span<byte> _span = span;

    public int Written { get; private set; }

    /// <summary>Worst case of <see cref="Write(string?)"/> for a string of <paramref name="chars"/> UTF-16 units.</summary>
    public static int MaxStringBytes(int chars) => 5 + chars * 3;

    public void WriteArrayHeader(int count)
    {
        if (count < 16)
        {
            _span[Written++] = (byte)(0x90 | count);
        }
        else if (count <= ushort.MaxValue)
        {
            _span[Written++] = 0xdc;
            BinaryPrimitives.WriteUInt16BigEndian(_span[Written..], (ushort)count);
            Written += 2;
        }
        else
        {
            _span[Written++] = 0xdd;
            BinaryPrimitives.WriteUInt32BigEndian(_span[Written..], (uint)count);
            Written += 4;
        }
    }

    public void WriteNil() => _span[Written++] = 0xc0;

    public void Write(long value)
    {
        if (value >= 0)
        {
            Write((ulong)value);
        }
        else if (value >= -32)
        {
            _span[Written++] = (byte)(0xe0 | (value & 0x1f));
        }
        else if (value >= sbyte.MinValue)
        {
            _span[Written++] = 0xd0;
            _span[Written++] = (byte)(sbyte)value;
        }
        else if (value >= short.MinValue)
        {
            _span[Written++] = 0xd1;
            BinaryPrimitives.WriteInt16BigEndian(_span[Written..], (short)value);
            Written += 2;
        }
        else if (value >= int.MinValue)
        {
            _span[Written++] = 0xd2;
            BinaryPrimitives.WriteInt32BigEndian(_span[Written..], (int)value);
            Written += 4;
        }
        else
        {
            _span[Written++] = 0xd3;
            BinaryPrimitives.WriteInt64BigEndian(_span[Written..], value);
            Written += 8;
        }
    }

    public void Write(ulong value)
    {
        if (value < 128)
        {
            _span[Written++] = (byte)value;
        }
        else if (value <= byte.MaxValue)
        {
            _span[Written++] = 0xcc;
            _span[Written++] = (byte)value;
        }
        else if (value <= ushort.MaxValue)
        {
            _span[Written++] = 0xcd;
            BinaryPrimitives.WriteUInt16BigEndian(_span[Written..], (ushort)value);
            Written += 2;
        }
        else if (value <= uint.MaxValue)
        {
            _span[Written++] = 0xce;
            BinaryPrimitives.WriteUInt32BigEndian(_span[Written..], (uint)value);
            Written += 4;
        }
        else
        {
            _span[Written++] = 0xcf;
            BinaryPrimitives.WriteUInt64BigEndian(_span[Written..], value);
            Written += 8;
        }
    }

    public void Write(string? value)
    {
        if (value is null)
        {
            WriteNil();
            return;
        }

        int length = Encoding.UTF8.GetByteCount(value);
        if (length < 32)
        {
            _span[Written++] = (byte)(0xa0 | length);
        }
        else if (length <= byte.MaxValue)
        {
            _span[Written++] = 0xd9;
            _span[Written++] = (byte)length;
        }
        else if (length <= ushort.MaxValue)
        {
            _span[Written++] = 0xda;
            BinaryPrimitives.WriteUInt16BigEndian(_span[Written..], (ushort)length);
            Written += 2;
        }
        else
        {
            _span[Written++] = 0xdb;
            BinaryPrimitives.WriteUInt32BigEndian(_span[Written..], (uint)length);
            Written += 4;
        }

        Written += Encoding.UTF8.GetBytes(value, _span[Written..]);
    }
}
