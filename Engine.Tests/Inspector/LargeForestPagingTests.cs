using System.Diagnostics;
using System.Text.Json;
using Engine.Resources;
using Engine.Tests.Core;

namespace Engine.Tests.Inspector;

/// <summary>
/// A million resources through the inspector: the roots, a page of children and a search each answer quickly once the
/// capture exists, and each answer stays small (a page, never the forest). Runs alone: it measures time.
/// </summary>
[Collection(MeasuresProcessCollection.Name)]
public sealed class LargeForestPagingTests(ITestOutputHelper output)
{
    private const int Groups = 1_000;
    private const int PerGroup = 1_000;

    [Fact]
    public async Task A_million_resources_are_browsed_and_searched_a_small_page_at_a_time()
    {
        using var engine = new InspectorTests.EngineThread(build: (registry, device) =>
        {
            registry.Reserve<BufferPayload>(Groups * PerGroup);
            for (int g = 0; g < Groups; g++)
            {
                var group = registry.Create(new ScopePayload(), device, $"group {g}");
                for (int b = 0; b < PerGroup; b++)
                {
                    registry.Create(new BufferPayload(), group, $"mesh {g}/{b}");
                }
            }
        });
        Assert.True(engine.Registry.Count >= 1_000_000, $"{engine.Registry.Count} resources");

        // Two captures: the first is left out of the reuse (its cost includes compiling the writer), the second sets it.
        await ForestPagingTests.Page(engine.Inspector, "/forest");
        await Task.Delay(200, TestContext.Current.CancellationToken);
        JsonElement warm = await ForestPagingTests.Page(engine.Inspector, "/forest");
        long frame = warm.GetProperty("frame").GetInt64();

        (JsonElement roots, int rootsBytes) = await Timed("roots", "/forest");
        JsonElement device = Assert.Single(roots.GetProperty("records").EnumerateArray());
        Assert.Equal(Groups + 5, device.GetProperty("n").GetInt32()); // the groups and the engine thread's five buffers
        Assert.True(roots.GetProperty("resources").GetInt32() >= 1_000_000);

        (JsonElement groups, int groupsBytes) = await Timed("children", $"/forest?parent={Uri.EscapeDataString(device.GetProperty("handle").GetString()!)}&from=500");
        Assert.Equal(Groups + 5, groups.GetProperty("total").GetInt32());
        JsonElement[] page = [.. groups.GetProperty("records").EnumerateArray()];
        Assert.Equal(500, page.Length);
        Assert.Equal(PerGroup, page[0].GetProperty("n").GetInt32());

        (JsonElement leaves, int leavesBytes) = await Timed("grandchildren", $"/forest?parent={Uri.EscapeDataString(page[0].GetProperty("handle").GetString()!)}&from=999");
        Assert.Single(leaves.GetProperty("records").EnumerateArray());

        (JsonElement found, int foundBytes) = await Timed("search, few matches", "/forest?q=mesh%20" + Uri.EscapeDataString("777/12"));
        Assert.Equal(11, found.GetProperty("matches").GetInt32()); // 777/12 and 777/120 … 777/129
        Assert.Equal(13, found.GetProperty("records").GetArrayLength()); // with the device and group 777

        (JsonElement all, int allBytes) = await Timed("search, a million matches", "/forest?q=kind:buffer&from=999505");
        Assert.Equal(Groups * PerGroup + 5, all.GetProperty("matches").GetInt32()); // and the engine thread's five, first by handle
        Assert.Equal(500 + 2, all.GetProperty("records").GetArrayLength()); // the last group's last 500, under it and the device

        Assert.All(new[] { rootsBytes, groupsBytes, leavesBytes, foundBytes, allBytes }, bytes => Assert.True(bytes < 1_000_000, $"{bytes} bytes"));
        output.WriteLine($"answers of {rootsBytes:N0}, {groupsBytes:N0}, {leavesBytes:N0}, {foundBytes:N0} and {allBytes:N0} bytes; capture of frame {frame}");

        async Task<(JsonElement Page, int Bytes)> Timed(string what, string path)
        {
            var clock = Stopwatch.StartNew();
            (System.Net.HttpStatusCode status, string body) = await ForestPagingTests.Get(engine.Inspector, path);
            TimeSpan took = clock.Elapsed;
            Assert.Equal(System.Net.HttpStatusCode.OK, status);
            using JsonDocument document = JsonDocument.Parse(body);
            long answered = document.RootElement.GetProperty("frame").GetInt64();
            output.WriteLine($"{what}: {took.TotalMilliseconds:0} ms, {body.Length:N0} bytes (capture of frame {answered}{(answered == frame ? "" : ", a new one")})");
            Assert.True(took < TimeSpan.FromSeconds(answered == frame ? 2 : 6), $"{what}: {took.TotalMilliseconds:0} ms");
            return (document.RootElement.Clone(), body.Length);
        }
    }
}
