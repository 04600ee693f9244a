using System.Diagnostics;

namespace Engine.Tests.Snapshots;

/// <summary>
/// Runs a body over many inputs on a worker thread and fails as soon as one input takes longer than
/// the bound: a hang fails the test instead of stalling the suite.
/// </summary>
public static class TimeBoundedLoop
{
    public static int Run<T>(IEnumerable<T> inputs, Action<T> body, TimeSpan perInput, Func<T, string> describe)
    {
        T? current = default;
        long started = 0;
        int count = 0;
        Exception? failure = null;
        bool done = false;
        var worker = new Thread(() =>
        {
            try
            {
                foreach (T input in inputs)
                {
                    Volatile.Write(ref started, Stopwatch.GetTimestamp());
                    current = input;
                    body(input);
                    count++;
                }
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            finally
            {
                Volatile.Write(ref done, true);
            }
        }, 16 << 20) { IsBackground = true };
        worker.Start();

        while (!Volatile.Read(ref done))
        {
            Thread.Sleep(20);
            TimeSpan elapsed = Stopwatch.GetElapsedTime(Volatile.Read(ref started));
            if (!Volatile.Read(ref done) && Volatile.Read(ref started) != 0 && elapsed > perInput)
            {
                Assert.Fail($"input '{(current is null ? "?" : describe(current))}' still running after {elapsed.TotalSeconds:0.0} s");
            }
        }

        if (failure is not null)
        {
            Assert.Fail($"input '{(current is null ? "?" : describe(current))}' failed: {failure}");
        }

        return count;
    }
}
