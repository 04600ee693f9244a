using Engine.Resources;
using Engine.Analysis;
using System.Text.Json;
using Engine.Dump.Analysis;

namespace Engine.Tests.Dump;

/// <summary>Every command that reports has <c>--json</c>: one object per line, states as the tokens --state takes.</summary>
public class JsonOutputTests
{
    private static string Blocked => GoldenFiles.Path("blocked.ressnap");

    private static List<JsonElement> Lines(DumpRun run) =>
        [.. run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    private static void StatesAreTokens(IEnumerable<JsonElement> objects)
    {
        foreach (JsonElement o in objects)
        {
            if (o.TryGetProperty("state", out JsonElement state))
            {
                Assert.Contains(state.GetString(), ResourceStates.Tokens);
            }
        }
    }

    [Fact]
    public void Tree_json_is_one_object_per_resource_shown()
    {
        DumpRun run = DumpRunner.Run("tree", Blocked, "--json");
        List<JsonElement> lines = Lines(run);
        Assert.Equal(7, lines.Count);
        Assert.Equal("#0v1", lines[0].GetProperty("handle").GetString());
        Assert.Equal(0, lines[0].GetProperty("depth").GetInt32());
        Assert.Contains(lines, l => l.GetProperty("state").GetString() == "waiting");
        StatesAreTokens(lines);
    }

    [Fact]
    public void Stats_json_is_one_object_with_every_figure()
    {
        JsonElement stats = Assert.Single(Lines(DumpRunner.Run("stats", Blocked, "--json")));
        Assert.Equal(7, stats.GetProperty("resources").GetInt32());
        Assert.Equal(1, stats.GetProperty("states").GetProperty("waiting").GetInt32());
        Assert.True(stats.GetProperty("kinds").GetArrayLength() > 0);
    }

    [Fact]
    public void Blocked_json_names_each_root_cause_and_its_chain_head()
    {
        List<JsonElement> lines = Lines(DumpRunner.Run("blocked", Blocked, "--json"));
        Assert.Equal(3, lines.Count);
        Assert.Equal(["explicit-release", "faulted", "gpu"], lines.Select(l => l.GetProperty("cause").GetString()).Order());
        Assert.All(lines, l => Assert.Equal("#1v1", l.GetProperty("head").GetString()));
        StatesAreTokens(lines);
    }

    [Fact]
    public void Diff_json_lists_each_change()
    {
        List<JsonElement> lines = Lines(DumpRunner.Run("diff", GoldenFiles.Path("before.ressnap"), Blocked, "--json"));
        Assert.Equal(8, lines.Count(l => l.GetProperty("change").GetString() == "removed"));
        Assert.Equal(3, lines.Count(l => l.GetProperty("change").GetString() == "changed"));
        StatesAreTokens(lines);
    }

    [Fact]
    public void Validate_json_lists_violations_and_keeps_the_exit_code()
    {
        DumpRun run = DumpRunner.Run("validate", GoldenFiles.Path("broken.ressnap"), "--json");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(Lines(run), l => l.GetProperty("violation").GetString()!.StartsWith("cycle:", StringComparison.Ordinal));
        DumpRun valid = DumpRunner.Run("validate", Blocked, "--json");
        Assert.Equal(0, valid.ExitCode);
        Assert.Equal(string.Empty, valid.Stdout);
    }
}
