using System.Runtime.InteropServices;
using System.Text;

namespace Engine.Render.Vulkan;

/// <summary>Null-terminated UTF-8 strings for Vulkan, without managed allocations on the hot path.</summary>
internal static unsafe class Utf8
{
    /// <summary>Reads a null-terminated UTF-8 string written by Vulkan (allocates; diagnostics only).</summary>
    public static string? Read(byte* text) => text == null ? null : Marshal.PtrToStringUTF8((nint)text);

    /// <summary>Encodes into a caller-provided buffer (stackalloc) and null-terminates; truncates if too long.</summary>
    public static int Encode(string text, Span<byte> into)
    {
        int max = into.Length - 1;
        // A char never takes more than 3 UTF-8 bytes, so this prefix always fits.
        ReadOnlySpan<char> chars = Encoding.UTF8.GetByteCount(text) <= max ? text : text.AsSpan(0, Math.Min(text.Length, max / 3));
        int written = Encoding.UTF8.GetBytes(chars, into);
        into[written] = 0;
        return written;
    }

    /// <summary>Allocates an unmanaged copy; free with <see cref="Free"/>. Used for setup-time arrays of names.</summary>
    public static byte* Alloc(string text) => (byte*)Marshal.StringToCoTaskMemUTF8(text);

    public static void Free(byte* text) => Marshal.FreeCoTaskMem((nint)text);
}
