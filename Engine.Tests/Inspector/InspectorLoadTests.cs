using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Engine.Tests.Inspector;

/// <summary>
/// 50 clients × 1,000 requests (health, summary, snapshot, forest, and event streams) against the demo rendering
/// paced frames (120 per second, as a game does): no failed request, no frame error, frame time p99 within 2× of the
/// same demo before the clients came, and memory back to where it was once the clients are gone. One demo process:
/// it prints its frame time p99 every 600 frames; the windows wholly before the load are compared with the windows
/// wholly inside it (medians: one window's p99 on a 2-core machine is noisy). The baseline is taken after a first,
/// short burst of the same requests, so it holds what serving costs once (code compiled, pools grown); what must not
/// stay is anything that grows with the number of requests. Runs alone: it measures time and memory.
/// </summary>
[Collection(MeasuresProcessCollection.Name)]
public sealed class InspectorLoadTests
{
    private const int Clients = 50;
    private const int RequestsPerClient = 1_000;
    private static readonly string[] Paths = ["/health", "/summary", "/snapshot", "/forest"];

    private static long ResidentKilobytes(int pid) =>
        long.Parse(Regex.Match(File.ReadAllText($"/proc/{pid}/status"), @"VmRSS:\s+([0-9]+) kB").Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>The frame time p99 of every report window that starts after <paramref name="from"/> characters of
    /// output and ends before <paramref name="to"/>.</summary>
    private static double[] Windows(string output, int from, int to)
    {
        int start = output.IndexOf('\n', from) + 1; // the first window ends after the next report line
        string part = output[start..to];
        double[] p99s = [.. Regex.Matches(part, @"^frame [0-9]+: .* frame-time-p99=([0-9.]+)ms", RegexOptions.Multiline)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
        return p99s.Length > 1 ? p99s[1..] : p99s; // the first line closes a window that began before `from`
    }

    /// <summary>The collections (gen0/gen2) in each report window of the range, for the failure message.</summary>
    private static string Collections(string output, int from, int to) =>
        string.Join(" ", Regex.Matches(output[from..to], @"^frame [0-9]+: .* gc=([0-9]+/[0-9]+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value));

    private static double Median(double[] values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    [Fact]
    public async Task Fifty_clients_of_a_thousand_requests_fail_nothing_and_leave_frames_and_memory_as_they_were()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        await using InspectedDemo demo = await InspectedDemo.StartAsync("--fps", "120", "--report-every", "600");
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();

        await Load(demo, requestsPerClient: 100, failures); // the first burst: what serving costs once
        await Task.Delay(TimeSpan.FromSeconds(12), cancel); // detached again (the frame counter feed closes after 10 s)
        int quietFrom = demo.Output.Length;
        await Task.Delay(TimeSpan.FromSeconds(22), cancel);
        int quietTo = demo.Output.Length;
        long rssBefore = ResidentKilobytes(demo.ProcessId);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        long frameBefore = await Frame(http, demo);

        var clock = Stopwatch.StartNew();
        int loadFrom = demo.Output.Length;
        await Load(demo, RequestsPerClient, failures);
        int loadTo = demo.Output.Length;
        clock.Stop();
        long frameAfter = await Frame(http, demo);

        await Task.Delay(TimeSpan.FromSeconds(12), cancel); // detached; what the load took is given back
        long rssAfter = ResidentKilobytes(demo.ProcessId);
        (int demoExit, string output) = await demo.StopAsync();
        double[] quiet = Windows(output, quietFrom, quietTo);
        double[] loaded = Windows(output, loadFrom, loadTo);
        static string Ms(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
        string figures =
            $"{Clients * RequestsPerClient} requests in {clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s, frames {frameBefore}→{frameAfter}; frame time p99 per 600 frames: " +
            $"without clients {string.Join("/", quiet.Select(Ms))} ms (median {Ms(Median(quiet))}), with {string.Join("/", loaded.Select(Ms))} ms (median {Ms(Median(loaded))}); " +
            $"RSS {rssBefore / 1024} MB → {rssAfter / 1024} MB; collections gen0/gen2 per window without clients {Collections(output, quietFrom, quietTo)}, with {Collections(output, loadFrom, loadTo)}";
        TestContext.Current.TestOutputHelper?.WriteLine($"inspector load: {figures}");

        Assert.True(failures.IsEmpty, $"{failures.Count} failed requests ({figures}): {string.Join("; ", failures.Take(5))}");
        Assert.True(demoExit == 0, $"exit {demoExit}\n{output}");
        Assert.Contains("validation: errors=0 warnings=0", output, StringComparison.Ordinal);
        Assert.True(quiet.Length >= 2 && loaded.Length >= 2, $"report windows missing ({figures})");
        Assert.True(frameAfter - frameBefore >= clock.Elapsed.TotalSeconds * 120 * 0.8, $"frames kept their pace under load ({figures})");
        Assert.True(Median(loaded) <= 2 * Median(quiet), $"frame time p99 more than doubled under load ({figures})");
        Assert.True(rssAfter <= rssBefore + 16 * 1024, $"memory did not come back ({figures})");
    }

    /// <summary>Every client its own connection, <paramref name="requestsPerClient"/> requests in turn over the
    /// endpoints; every hundredth reads three frame events and hangs up.</summary>
    private static async Task Load(InspectedDemo demo, int requestsPerClient, System.Collections.Concurrent.ConcurrentQueue<string> failures) =>
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
            for (int i = 0; i < requestsPerClient; i++)
            {
                try
                {
                    if (i % 100 == 99)
                    {
                        await ReadEvents(http, demo, 3);
                        continue;
                    }

                    using HttpResponseMessage response = await http.GetAsync(demo.At(Paths[(client + i) % Paths.Length]));
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Enqueue($"{response.RequestMessage!.RequestUri!.AbsolutePath}: {(int)response.StatusCode}");
                    }
                }
                catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
                {
                    failures.Enqueue(error.Message);
                }
            }
        })));

    private static async Task<long> Frame(HttpClient http, InspectedDemo demo)
    {
        using var health = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(demo.At("/health")));
        return health.RootElement.GetProperty("frame").GetInt64();
    }

    /// <summary>Opens the event stream, reads <paramref name="events"/> frame events and hangs up.</summary>
    private static async Task ReadEvents(HttpClient http, InspectedDemo demo, int events)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, demo.At("/events"));
        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        int seen = 0;
        while (seen < events && await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: {", StringComparison.Ordinal))
            {
                seen++;
            }
        }

        if (seen < events)
        {
            throw new IOException($"the event stream ended after {seen} events");
        }
    }
}
