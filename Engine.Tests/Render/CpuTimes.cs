using System.Globalization;

namespace Engine.Tests.Render;

/// <summary>
/// A process's CPU time per thread (utime + stime from /proc/PID/task/*/stat), to bound what a paused loop costs:
/// every thread counts (the Vulkan driver's and the validation layer's too) except the runtime's tiered JIT thread,
/// which compiles in the background the hot code of whatever ran before (70 to 240 ms seen in a test process), and
/// says nothing about the loop.
/// </summary>
internal sealed class CpuTimes
{
    private const long TicksPerSecond = 100; // USER_HZ, the unit of /proc/*/stat on Linux
    private const string JitThread = ".NET Tiered Com";
    private readonly int _process;
    private readonly Dictionary<int, (string Name, long Ticks)> _threads;

    private CpuTimes(int process, Dictionary<int, (string Name, long Ticks)> threads)
    {
        _process = process;
        _threads = threads;
    }

    public static CpuTimes Of(int process) => new(process, Read(process));

    /// <summary>Milliseconds of CPU spent since this reading (JIT thread excluded), and the spend per thread.</summary>
    public (double Milliseconds, string PerThread) SpentSince()
    {
        var spent = Read(_process)
            .Select(t => (t.Value.Name, Ticks: t.Value.Ticks - (_threads.TryGetValue(t.Key, out var b) && b.Name == t.Value.Name ? b.Ticks : 0)))
            .Where(t => t.Ticks > 0)
            .OrderByDescending(t => t.Ticks)
            .ToList();
        long counted = spent.Where(t => !t.Name.StartsWith(JitThread, StringComparison.Ordinal)).Sum(t => t.Ticks);
        return (counted * 1000.0 / TicksPerSecond, string.Join(", ", spent.Select(t => $"{t.Name} {t.Ticks * 1000 / TicksPerSecond} ms")));
    }

    private static Dictionary<int, (string Name, long Ticks)> Read(int process)
    {
        var result = new Dictionary<int, (string Name, long Ticks)>();
        foreach (string directory in Directory.GetDirectories($"/proc/{process}/task"))
        {
            try
            {
                string stat = File.ReadAllText(Path.Combine(directory, "stat"));
                int close = stat.LastIndexOf(')');
                string name = stat[(stat.IndexOf('(') + 1)..close];
                string[] fields = stat[(close + 2)..].Split(' '); // from field 3 (state): utime is field 14, stime 15
                result[int.Parse(Path.GetFileName(directory), CultureInfo.InvariantCulture)] =
                    (name, long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The thread ended meanwhile.
            }
        }

        return result;
    }
}
