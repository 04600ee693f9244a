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

    /// <summary>The access token every request must carry; a random one (printed in the start line) when null.</summary>
    public string? Token { get; init; }

    /// <summary>How long a request waits for the engine's next update to take its capture; 10 s by default.</summary>
    public TimeSpan CaptureTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most requests the inspector starts per second (1,000 by default; 0: no limit). The engine comes first: a
    /// burst of clients beyond it waits its turn (nothing is refused), so serving them never takes the frame's CPU.
    /// </summary>
    public int MaxRequestsPerSecond { get; init; } = 1000;
}
