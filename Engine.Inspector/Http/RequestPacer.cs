using System.Diagnostics;

namespace Engine.Inspector.Http;

/// <summary>
/// Keeps the inspector from taking the engine's CPU: authorised requests start at most <c>perSecond</c> a second (a
/// token bucket refilled continuously, bursts of a tenth of a second). A burst beyond that waits its turn; nothing is
/// refused. Requests without the token never get here: the gate answers them first, so they cannot delay anyone.
/// Safe from any thread: each caller reserves the next free start time under a lock and waits for it outside.
/// </summary>
internal sealed class RequestPacer(int perSecond)
{
    private readonly Lock _lock = new();
    private readonly double _capacity = Math.Max(1, perSecond / 10.0);
    private double _tokens = Math.Max(1, perSecond / 10.0);
    private long _refilledAt = Stopwatch.GetTimestamp();

    public ValueTask WaitAsync(CancellationToken cancel)
    {
        if (perSecond <= 0)
        {
            return ValueTask.CompletedTask;
        }

        double wait;
        lock (_lock)
        {
            long now = Stopwatch.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + (now - _refilledAt) * (double)perSecond / Stopwatch.Frequency);
            _refilledAt = now;
            _tokens--; // below zero: a reservation, paid back by the refill before this caller starts
            wait = _tokens >= 0 ? 0 : -_tokens / perSecond;
        }

        return wait <= 0 ? ValueTask.CompletedTask : new ValueTask(Task.Delay(TimeSpan.FromSeconds(wait), cancel));
    }
}
