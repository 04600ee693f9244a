using Engine.Analysis;
using System.CommandLine;
using Engine.Dump.Analysis;
using Engine.Dump.Loading;
using Engine.Dump.Rendering;

namespace Engine.Dump.Commands;

/// <summary><c>resdump validate FILE</c>: forest invariants; exit 1 when one is violated.</summary>
public static class ValidateCommand
{
    public static Command Create(DumpEnvironment env)
    {
        var file = FileArgument.Create();
        var limit = new Option<int>("--limit") { Description = "Violations listed before the rest are counted (also the members of a cycle named).", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "One JSON object per violation listed, one per line (nothing when the file is valid)." };
        var command = new Command("validate", "Check the forest invariants (parents exist, no cycle, no duplicate handle, states consistent with children); exit 1 on a violation.") { file, limit, json };
        command.SetAction(parse =>
        {
            string path = parse.GetRequiredValue(file);
            var index = new SnapshotIndex(SnapshotLoader.Load(path, env));
            int shown = parse.GetValue(limit);
            if (shown < 0)
            {
                throw new UsageException($"--limit must be 0 or more, got {shown}");
            }

            List<string> violations = InvariantChecker.Check(index, cycleMembers: shown);
            if (parse.GetValue(json))
            {
                var lines = new JsonLines(env.Stdout);
                foreach (string violation in violations.Take(shown))
                {
                    lines.Write(j => j.WriteString("violation", violation));
                }

                return violations.Count == 0 ? ExitCodes.Success : ExitCodes.CheckFailed;
            }

            if (violations.Count == 0)
            {
                env.Stdout.WriteLine($"{path}: valid ({ResourceLabel.Plural(index.Count, "resource", "resources")}, {ResourceLabel.Plural(index.Roots.Count, "root", "roots")}, max depth {index.MaxDepth})");
                return ExitCodes.Success;
            }

            foreach (string violation in violations.Take(shown))
            {
                env.Stdout.WriteLine(violation);
            }

            if (violations.Count > shown)
            {
                env.Stdout.WriteLine($"… {ResourceLabel.Count(violations.Count - shown)} more");
            }

            env.Logger.Information("{File} violates {Count} invariants", path, violations.Count);
            env.Stderr.WriteLine($"resdump: {path}: {ResourceLabel.Plural(violations.Count, "invariant violation", "invariant violations")}; first: {violations[0]}");
            return ExitCodes.CheckFailed;
        });
        return command;
    }
}
