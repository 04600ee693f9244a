namespace Engine.Bench.Running;

/// <summary>Checks a benchmark makes after each iteration, so a figure is never reported for work that did not happen.</summary>
public static class Expect
{
    public static void Equal(int expected, int actual, string what)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"Benchmark invariant broken: expected {expected} {what}, got {actual}.");
        }
    }

    public static void True(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Benchmark invariant broken: {what}.");
        }
    }
}
