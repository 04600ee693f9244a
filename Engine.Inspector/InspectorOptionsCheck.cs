using System.Net;

namespace Engine.Inspector;

/// <summary>Every option's allowed range, checked once at <see cref="ResourceInspector.Start"/>: one clear exception
/// naming the option and its range, before anything listens.</summary>
internal static class InspectorOptionsCheck
{
    public const int MinTokenLength = 32;
    public const int MaxTokenLength = 256;
    private const int MinDistinctTokenCharacters = 8;

    public static void Check(InspectorOptions options)
    {
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "the inspector's port must be between 0 (any free port) and 65535");
        }

        if (!IPAddress.IsLoopback(options.Address) && !options.AllowRemote)
        {
            throw new ArgumentException(
                $"the inspector binds to loopback only unless AllowRemote is set; {options.Address} would expose the engine's forest to the network", nameof(options));
        }

        if (options.Token is { } token && !IsStrongToken(token))
        {
            // The token itself is never repeated: it may sit in a log.
            throw new ArgumentException(
                $"the inspector's token must be {MinTokenLength} to {MaxTokenLength} characters (128 bits as hex), only A-Z a-z 0-9 - . _ ~, " +
                $"at least {MinDistinctTokenCharacters} different ones; this one has {token.Length}", nameof(options));
        }

        Range(options.MaxRequestsPerSecond, 0, 1_000_000, "MaxRequestsPerSecond must be 0 (no limit) to 1,000,000");
        Range(options.MaxConnections, 1, 10_000, "MaxConnections must be 1 to 10,000");
        Range(options.RequestHeadersTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5), "RequestHeadersTimeout must be 0.1 s to 5 min");
        Range(options.KeepAliveTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), "KeepAliveTimeout must be 1 s to 10 min");
        Range(options.WriteTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), "WriteTimeout must be 1 s to 5 min");
        Range(options.MinResponseBytesPerSecond, 1024, 1 << 30, "MinResponseBytesPerSecond must be 1,024 (1 KiB/s) to 1,073,741,824 (1 GiB/s)");
        Range(options.MaxResponseBufferBytes, 4 * 1024, 16 << 20, "MaxResponseBufferBytes must be 4,096 (4 KiB) to 16,777,216 (16 MiB)");
        Range(options.CaptureTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1), "CaptureTimeout must be 1 ms to 1 h");
    }

    /// <summary>Long enough to be guessed in no lifetime, and safe as it is in a URL, a header or a fragment.</summary>
    public static bool IsStrongToken(string token) =>
        token.Length is >= MinTokenLength and <= MaxTokenLength
        && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
        && token.Distinct().Count() >= MinDistinctTokenCharacters;

    private static void Range<T>(T value, T min, T max, string rule)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            throw new ArgumentOutOfRangeException(nameof(InspectorOptions), value, $"the inspector's {rule}");
        }
    }
}
