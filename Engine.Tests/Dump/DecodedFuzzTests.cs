using Engine.Resources;
using Engine.Resources.Snapshots;
using Engine.Tests.Snapshots;

namespace Engine.Tests.Dump;

/// <summary>
/// Fuzzing past the checksum: the golden snapshots are decoded, their content mutated (parents pointed anywhere,
/// duplicate handles, states and flags that contradict the forest, hostile names and kinds, extreme sizes and frames,
/// long chains and cycles), and re-encoded by the writer with a correct checksum, so every mutant reaches the
/// commands. Each goes through every command: no crash, no hang, no stack trace, no raw control character on the
/// terminal; and <c>validate</c> exits 1 on every planted violation.
/// </summary>
public sealed class DecodedFuzzTests : IDisposable
{
    private const int Mutants = 2_000;
    private const string Hostile = "\u001b[31m\u0007\n├── forged\u202E";

    private readonly string _dir = Directory.CreateTempSubdirectory("resdump-decoded-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed record Mutant(string Description, ResourceSnapshot Snapshot, bool PlantsViolation);

    private static IEnumerable<Mutant> Mutants_(int seed)
    {
        var random = new Random(seed);
        SnapshotRecord[][] bases =
        [
            [.. SnapshotReader.ReadFile(GoldenFiles.Path("before.ressnap")).Records],
            [.. SnapshotReader.ReadFile(GoldenFiles.Path("blocked.ressnap")).Records],
        ];
        for (int m = 0; m < Mutants; m++)
        {
            SnapshotRecord[] records = [.. bases[m % bases.Length]];
            var planted = new List<string>();
            int edits = 1 + random.Next(4);
            for (int e = 0; e < edits; e++)
            {
                int i = random.Next(records.Length);
                SnapshotRecord r = records[i];
                switch (random.Next(12))
                {
                    case 0: // parent anywhere: self (a cycle), a missing handle, a stale version, another record
                        int pick = random.Next(4);
                        records[i] = r with
                        {
                            Parent = pick switch
                            {
                                0 => r.Handle,
                                1 => new SnapshotHandle(10_000 + random.Next(100), 1),
                                2 => new SnapshotHandle(records[random.Next(records.Length)].Handle.Id, 99),
                                _ => records[random.Next(records.Length)].Handle,
                            },
                        };
                        if (pick < 3)
                        {
                            planted.Add(pick == 0 ? "self parent" : "missing or stale parent");
                        }

                        break;
                    case 1: // a duplicate handle
                        records[i] = r with { Handle = records[(i + 1) % records.Length].Handle };
                        if (records.Length > 1)
                        {
                            planted.Add("duplicate handle");
                        }

                        break;
                    case 2:
                        records[i] = r with { State = (ResourceState)random.Next(5) };
                        break;
                    case 3:
                        records[i] = r with { Flags = (SnapshotFlags)random.Next(2), Requested = random.Next(3) is int mode and > 0 ? (DestroyMode)mode : null };
                        break;
                    case 4:
                        records[i] = r with { Name = Hostile + new string('x', random.Next(0, 2000)) };
                        break;
                    case 5:
                        records[i] = r with { Kind = "Kind" + Hostile };
                        break;
                    case 6:
                        records[i] = r with { SizeBytes = random.Next(3) switch { 0 => long.MaxValue, 1 => long.MinValue, _ => -1 } };
                        break;
                    case 7:
                        records[i] = r with { CreationFrame = random.Next(2) == 0 ? long.MaxValue : long.MinValue, LastGpuUse = ulong.MaxValue };
                        break;
                    case 8: // a faulted resource without its error text
                        records[i] = r with { State = ResourceState.Faulted, FaultMessage = null };
                        planted.Add("faulted without error");
                        break;
                    case 9: // an error text on a resource that is not faulted
                        records[i] = r with { State = ResourceState.Alive, FaultMessage = "boom" + Hostile };
                        planted.Add("error on a non-faulted resource");
                        break;
                    case 10: // a long chain appended (deep forests), sometimes closed into a cycle
                        int length = random.Next(50, 1_000);
                        int first = 50_000;
                        var chain = new SnapshotRecord[length];
                        bool closed = random.Next(2) == 0;
                        for (int k = 0; k < length; k++)
                        {
                            SnapshotHandle? parent = k == 0 ? (closed ? new SnapshotHandle(first + length - 1, 1) : null) : new SnapshotHandle(first + k - 1, 1);
                            chain[k] = new SnapshotRecord(new SnapshotHandle(first + k, 1), "Chain", "Chain", $"link {k}", parent,
                                (ResourceState)random.Next(4), SnapshotFlags.None, k, 0, null, null);
                        }

                        records = [.. records, .. chain];
                        if (closed)
                        {
                            planted.Add("cycle");
                        }

                        break;
                    default: // a blocked resource without children
                        records[i] = r with { State = ResourceState.Blocked };
                        break;
                }
            }

            // Whether the last edits left a structural violation validate must report (some edits are undone by later ones).
            yield return new Mutant($"mutant {m} ({string.Join(", ", planted)})", new ResourceSnapshot(m, DateTime.UnixEpoch, records), planted.Count > 0);
        }
    }

    [Fact]
    public void Two_thousand_decoded_mutants_through_every_command()
    {
        string path = Path.Combine(_dir, "mutant.ressnap");
        string golden = GoldenFiles.Path("blocked.ressnap");
        string[][] commands =
        [
            ["tree", path], ["tree", path, "--state", "blocked"], ["stats", path], ["blocked", path],
            ["diff", golden, path], ["dot", path], ["json", path], ["validate", path], ["leaks", golden, path],
        ];
        int plantedSeen = 0;
        int count = TimeBoundedLoop.Run(Mutants_(seed: 2026), mutant =>
        {
            SnapshotWriter.WriteFile(mutant.Snapshot, path);
            foreach (string[] command in commands)
            {
                DumpRun run = DumpRunner.Run(command);
                string where = $"{string.Join(' ', command)} on {mutant.Description}";
                Assert.True(run.ExitCode is 0 or 1, $"{where}: exit {run.ExitCode}: {run.Stderr}");
                Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
                Assert.DoesNotContain("internal error", run.Stderr, StringComparison.Ordinal);
                if (command[0] is not ("json" or "dot"))
                {
                    Assert.False(run.Stdout.Any(c => char.IsControl(c) && c != '\n'), $"{where}: a control character reached the output");
                }

                // Every output is bounded by the options, except json's, which is the whole file by design.
                Assert.True(command[0] == "json" || run.Stdout.Length < 1_000_000, $"{where}: {run.Stdout.Length} characters of output");
            }

            if (mutant.PlantsViolation && IsStructurallyBroken(mutant.Snapshot))
            {
                plantedSeen++;
                Assert.Equal(1, DumpRunner.Run("validate", path).ExitCode);
            }
        }, TimeSpan.FromSeconds(20), m => m.Description);

        Assert.Equal(Mutants, count);
        Assert.True(plantedSeen > 500, $"only {plantedSeen} mutants kept a planted violation");
    }

    /// <summary>An independent, plain check of the planted structural violations (not the tool's own code).</summary>
    private static bool IsStructurallyBroken(ResourceSnapshot snapshot)
    {
        var handles = new HashSet<SnapshotHandle>();
        var byHandle = new Dictionary<SnapshotHandle, SnapshotRecord>();
        foreach (SnapshotRecord r in snapshot.Records)
        {
            if (!handles.Add(r.Handle))
            {
                return true; // duplicate
            }

            byHandle[r.Handle] = r;
        }

        foreach (SnapshotRecord r in snapshot.Records)
        {
            if ((r.State == ResourceState.Faulted) != (r.FaultMessage is not null) && (r.State == ResourceState.Faulted || r.FaultMessage is not null))
            {
                if (r.State == ResourceState.Faulted ? string.IsNullOrEmpty(r.FaultMessage) : r.FaultMessage is not null)
                {
                    return true;
                }
            }

            if (r.Parent is { } parent && !byHandle.ContainsKey(parent))
            {
                return true; // missing or stale parent
            }
        }

        // A cycle: following parents from some record comes back to a record of the same walk (each record walked once).
        var state = new Dictionary<SnapshotHandle, int>(); // 1 on the current walk, 2 done
        foreach (SnapshotRecord start in snapshot.Records)
        {
            var walk = new List<SnapshotHandle>();
            SnapshotHandle? at = start.Handle;
            while (at is { } h && byHandle.TryGetValue(h, out SnapshotRecord rec) && !state.ContainsKey(h))
            {
                state[h] = 1;
                walk.Add(h);
                at = rec.Parent;
            }

            if (at is { } end && state.TryGetValue(end, out int mark) && mark == 1)
            {
                return true;
            }

            foreach (SnapshotHandle h in walk)
            {
                state[h] = 2;
            }
        }

        return false;
    }
}
