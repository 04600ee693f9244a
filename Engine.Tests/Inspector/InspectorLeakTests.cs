using System.Net;

namespace Engine.Tests.Inspector;

/// <summary>Runs alone (no other test class at the same time): it measures the whole process's descriptors and memory.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuresProcessCollection
{
    public const string Name = "Measures the process";
}

[Collection(MeasuresProcessCollection.Name)]
public sealed class InspectorLeakTests
{
    [Fact]
    public async Task Attaching_and_detaching_a_thousand_times_leaks_no_socket_and_no_memory()
    {
        using var engine = new InspectorTests.EngineThread();
        CancellationToken cancel = TestContext.Current.CancellationToken;
        Uri health = InspectorTests.At(engine.Inspector, "/health");
        Uri summary = InspectorTests.At(engine.Inspector, "/summary");
        Uri events = InspectorTests.At(engine.Inspector, "/events");
        async Task AttachDetach(int times)
        {
            for (int i = 0; i < times; i++)
            {
                // A new client each time, its connection closed after the answer: a tool attaching and going away.
                using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero });
                // Mostly health, every other a summary (a capture), every tenth an event stream read and hung up on.
                Uri uri = i % 10 == 9 ? events : i % 2 == 1 ? summary : health;
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.ConnectionClose = true;
                using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                if (uri == events)
                {
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel));
                    for (int seen = 0; seen < 2 && await reader.ReadLineAsync(cancel) is { } line;)
                    {
                        seen += line.StartsWith("data: ", StringComparison.Ordinal) ? 1 : 0;
                    }
                }
                else
                {
                    await response.Content.ReadAsByteArrayAsync(cancel);
                }
            }
        }

        await AttachDetach(100); // warm up: pools, JIT, buffers
        GC.Collect();
        GC.WaitForPendingFinalizers();
        int descriptorsBefore = Directory.GetFiles("/proc/self/fd").Length;
        long memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        await AttachDetach(1000);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        await Task.Delay(3000, cancel); // a hung-up event stream notices at its next writes (a frame batch every 100 ms)
        int descriptorsAfter = Directory.GetFiles("/proc/self/fd").Length;
        long memoryAfter = GC.GetTotalMemory(forceFullCollection: true);

        Assert.InRange(descriptorsAfter, 0, descriptorsBefore + 10);
        Assert.InRange(memoryAfter, 0, memoryBefore + (8L << 20));
        Assert.Equal(6, engine.Registry.Count);
    }
}
