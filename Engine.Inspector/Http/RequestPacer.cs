using System.Diagnostics;

namespace Engine.Inspector.Http;

/// <summary>
/// Keeps the inspector from taking the engine's CPU: requests start at most <c>perSecond</c> a second (a token
/// bucket refilled continuously, bursts of a tenth of a second). A burst beyond that waits its turn at the accept
/// loop; nothing is refused. One caller (the accept loop) at a time.
/// </summary>
internal sealed class RequestPacer(int perSecond)
{
    private readonly double _capacity = Math.Max(1, perSecond / 10.0);
    private double _tokens = Math.Max(1, perSecond / 10.0);
    private long _refilledAt = Stopwatch.GetTimestamp();

    public async ValueTask WaitAsync(CancellationToken cancel)
    {
        if (perSecond <= 0)
        {
            return;
        }

        while (true)
        {
            long now = Stopwatch.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + (now - _refilledAt) * (double)perSecond / Stopwatch.Frequency);
            _refilledAt = now;
            if (_tokens >= 1)
            {
                _tokens--;
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, 1000.0 * (1 - _tokens) / perSecond)), cancel).ConfigureAwait(false);
        }
    }
}
