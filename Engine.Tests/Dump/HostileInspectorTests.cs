using System.Net.Sockets;
using System.Text;
using Engine.Resources;
using Engine.Resources.Snapshots;
using Engine.Tests.Core;

namespace Engine.Tests.Dump;

/// <summary>
/// <c>resdump attach</c> and <c>watch</c> against servers that answer what no inspector should: malformed or
/// mistyped JSON, redirects, bodies announced or streamed far beyond any real answer, wrong content types. Each ends
/// with one line and exit 2, follows nothing, and holds bounded memory; the temporary folder is the user's alone.
/// </summary>
public sealed class HostileInspectorTests
{
    private static readonly byte[] Snapshot = RealSnapshot();

    [Theory]
    [InlineData("{}")]
    [InlineData("[1, 2]")]
    [InlineData("{\"frame\": \"12\"}")]
    [InlineData("{\"frame\": 1.5}")]
    [InlineData("{\"frame\": 1e400}")]
    [InlineData("{\"frame\": 12")]
    [InlineData("")]
    public void Attach_leaks_refuses_a_malformed_health_answer(string health)
    {
        using var server = new FakeInspector((path, stream) => path == "/health"
            ? FakeInspector.Json(stream, health)
            : FakeInspector.Answer(stream, "200 OK", "application/octet-stream", Snapshot));

        DumpRun run = DumpRunner.Run("attach", server.Url, "leaks", "--frames", "1");

        AssertOneLineRefusal(run, "resdump: attach: the inspector's answer to /health is");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"frame\": 3}")]
    [InlineData("{\"frame\": 3, \"kinds\": []}")]
    [InlineData("{\"frame\": 3, \"kinds\": {\"Buffer\": \"many\"}}")]
    [InlineData("{\"frame\": 3, \"kinds\": {\"Buffer\": -1}}")]
    [InlineData("not json")]
    public void Watch_refuses_a_malformed_summary(string summary)
    {
        using var server = new FakeInspector((_, stream) => FakeInspector.Json(stream, summary));

        DumpRun run = DumpRunner.Run("watch", server.Url, "--samples", "2", "--interval-ms", "50");

        AssertOneLineRefusal(run, "resdump: watch: the inspector's answer to /summary is");
    }

    [Fact]
    public void A_redirect_is_refused_and_never_followed()
    {
        using var elsewhere = new FakeInspector((_, stream) => FakeInspector.Answer(stream, "200 OK", "application/octet-stream", Snapshot));
        using var server = new FakeInspector((path, stream) => FakeInspector.Answer(stream, "302 Found", "text/plain", [],
            $"Location: http://127.0.0.1:{elsewhere.Port}{path}?token=fake0123456789abcdef0123456789ab\r\n"));

        DumpRun attach = DumpRunner.Run("attach", server.Url, "stats");
        DumpRun watch = DumpRunner.Run("watch", server.Url, "--samples", "1");

        AssertOneLineRefusal(attach, "resdump: attach: the inspector answered /snapshot with a redirect (302), which is not followed");
        AssertOneLineRefusal(watch, "resdump: watch: the inspector answered /summary with a redirect (302)");
        Assert.Empty(elsewhere.Paths);
    }

    [Theory]
    [InlineData("/snapshot", "text/html; charset=utf-8", "attach")]
    [InlineData("/snapshot", null, "attach")]
    [InlineData("/summary", "text/plain", "watch")]
    [InlineData("/summary", "application/octet-stream", "watch")]
    public void A_wrong_content_type_is_refused(string path, string? contentType, string command)
    {
        using var server = new FakeInspector((_, stream) => FakeInspector.Answer(stream, "200 OK", contentType,
            path == "/snapshot" ? Snapshot : Encoding.UTF8.GetBytes("{\"frame\": 3, \"kinds\": {}}")));

        DumpRun run = command == "attach" ? DumpRunner.Run("attach", server.Url, "stats") : DumpRunner.Run("watch", server.Url, "--samples", "1");

        AssertOneLineRefusal(run, $"resdump: {command}: the inspector's answer to {path} is {(contentType is null ? "untyped" : $"'{contentType.Split(';')[0]}'")}, not ");
    }

    [Fact]
    public void A_body_announced_at_three_gigabytes_is_refused_before_it_is_read()
    {
        using var server = new FakeInspector(async (_, stream) =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 3000000000\r\n\r\n"));
            byte[] chunk = new byte[1 << 16];
            while (true)
            {
                await stream.WriteAsync(chunk); // for as long as the client reads
            }
        });
        long allocated = GC.GetTotalAllocatedBytes(precise: true);

        DumpRun run = DumpRunner.Run("attach", server.Url, "stats");

        AssertOneLineRefusal(run, "resdump: attach: the inspector's answer to /snapshot announces 3,000,000,000 bytes, more than the");
        Assert.InRange(GC.GetTotalAllocatedBytes(precise: true) - allocated, 0, 16L << 20);
    }

    [Fact]
    public void An_endless_streamed_answer_is_cut_at_its_cap_with_bounded_memory()
    {
        using var server = new FakeInspector(async (_, stream) =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
            byte[] spaces = Encoding.ASCII.GetBytes(new string(' ', 1 << 16));
            byte[] chunk = [.. Encoding.ASCII.GetBytes($"{spaces.Length:x}\r\n"), .. spaces, .. "\r\n"u8];
            while (true)
            {
                await stream.WriteAsync(chunk);
            }
        });
        long allocated = GC.GetTotalAllocatedBytes(precise: true);

        DumpRun run = DumpRunner.Run("watch", server.Url, "--samples", "1");

        AssertOneLineRefusal(run, "resdump: watch: the inspector's answer to /summary is more than the 16,777,216 bytes accepted");
        // The cap's worth in a growing buffer, not what the server would go on sending.
        Assert.InRange(GC.GetTotalAllocatedBytes(precise: true) - allocated, 0, 96L << 20);
    }

    [Fact]
    public async Task The_temporary_snapshot_is_readable_by_its_user_only_and_removed_after()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var release = new TaskCompletionSource();
        using var server = new FakeInspector(async (_, stream) =>
        {
            // Half the snapshot, then a pause while the test looks at what resdump wrote so far.
            string head = $"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {Snapshot.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(Snapshot.AsMemory(0, Snapshot.Length / 2));
            await stream.FlushAsync();
            await release.Task;
            await stream.WriteAsync(Snapshot.AsMemory(Snapshot.Length / 2));
        });
        var before = new HashSet<string>(Directory.GetDirectories(Path.GetTempPath(), "resdump-attach-*"));

        Task<DumpRun> attach = Task.Run(() => DumpRunner.Run("attach", server.Url, "stats"));
        string? folder = null;
        string? file = null;
        for (int i = 0; i < 200 && file is null; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            folder = Directory.GetDirectories(Path.GetTempPath(), "resdump-attach-*").FirstOrDefault(d => !before.Contains(d));
            file = folder is null ? null : Directory.GetFiles(folder).FirstOrDefault();
        }

        Assert.NotNull(file);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        release.SetResult();

        DumpRun run = await attach;
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.False(Directory.Exists(folder));
    }

    private static void AssertOneLineRefusal(DumpRun run, string start)
    {
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Stderr}");
        string line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(start, line, StringComparison.Ordinal);
    }

    private static byte[] RealSnapshot()
    {
        using ResourceRegistry registry = PlainRegistry.Create();
        ResourceHandle device = registry.Create(new DevicePayload(), name: "device");
        registry.Create(new BufferPayload(), device, "buffer");
        registry.Update();
        var stream = new MemoryStream();
        registry.WriteSnapshot(stream);
        return stream.ToArray();
    }
}
