using System.Net;

namespace Engine.Inspector;

/// <summary>Where the inspection endpoint listens and how it is reached.</summary>
public sealed record InspectorOptions
{
    /// <summary>The port, 1 to 65535; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The address to bind; loopback (127.0.0.1) by default. Any other needs <see cref="AllowRemote"/>.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>Allows a non-loopback <see cref="Address"/>: the forest of a running engine becomes reachable from the network.</summary>
    public bool AllowRemote { get; init; }

    /// <summary>
    /// The access token every request for the engine's data must carry; a random one of 128 bits (printed in the start
    /// line) when null. A token of your own needs 32 to 256 characters, only <c>A–Z a–z 0–9 - . _ ~</c> (it travels in
    /// URLs and headers as it is), and at least 8 different ones: 32 hex digits are 128 bits.
    /// </summary>
    public string? Token { get; init; }

    /// <summary>How long a request waits for the engine's next update to take its capture, 1 ms to 1 h (10 s by default).</summary>
    public TimeSpan CaptureTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most authorised requests the inspector starts per second, 0 (no limit) to 1,000,000 (1,000 by default). The
    /// engine comes first: a burst of clients beyond it waits its turn (nothing is refused), so serving them never
    /// takes the frame's CPU. Requests without the token are refused before this, so they cannot fill the queue.
    /// </summary>
    public int MaxRequestsPerSecond { get; init; } = 1000;

    /// <summary>
    /// The most connections open at once, 1 to 10,000 (256 by default); the server closes any beyond it as soon as it
    /// accepts them. With the timeouts below it bounds the sockets and memory that clients, with or without the token,
    /// can hold.
    /// </summary>
    public int MaxConnections { get; init; } = 256;

    /// <summary>How long a client has to send a request's line and headers, 0.1 s to 5 min (5 s by default); a request
    /// sent halfway is closed after it.</summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an idle connection stays open between requests, 1 s to 10 min (10 s by default).</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The write timeout for slow readers, 1 s to 5 min (5 s by default): every answer, event streams included, must
    /// move at <see cref="MinResponseBytesPerSecond"/> once this grace is over, or its connection is closed. A client
    /// that stops reading is cut after about this long (longer for a large body: its size at the minimum rate).
    /// </summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The slowest an answer may be read after <see cref="WriteTimeout"/>, 1 KiB/s to 1 GiB/s (256 KiB/s by
    /// default: a 50 MB snapshot gets 200 s).</summary>
    public int MinResponseBytesPerSecond { get; init; } = 256 * 1024;

    /// <summary>
    /// The most bytes of answers held for one connection that does not read, 4 KiB to 16 MiB (64 KiB by default);
    /// large bodies are written in slices as the client reads. Beyond the kernel's socket buffers, slow clients hold at
    /// most <see cref="MaxConnections"/> × this.
    /// </summary>
    public int MaxResponseBufferBytes { get; init; } = 64 * 1024;
}
