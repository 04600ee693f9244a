using Engine.Resources;
using Engine.Analysis;
using CsCheck;
using Engine.Dump.Analysis;
using Engine.Resources.Snapshots;
using Engine.Tests.Snapshots;

namespace Engine.Tests.Dump;

public class SnapshotIndexTests
{
    [Fact]
    public void IndexOfAWellFormedForestIsConsistent()
    {
        SnapshotGenerators.Snapshot.Sample(snapshot =>
        {
            var index = new SnapshotIndex(snapshot);
            Assert.Empty(index.Duplicates);
            Assert.Empty(index.MissingParent);
            Assert.Empty(index.Unreachable);
            Assert.Equal(snapshot.Records.Count, index.Roots.Sum(r => index.SubtreeSize[r]));
            for (int i = 0; i < index.Count; i++)
            {
                int parent = index.Parent[i];
                Assert.Equal(parent < 0 ? 0 : index.Depth[parent] + 1, index.Depth[i]);
                int childrenTotal = 0;
                foreach (int child in index.ChildrenOf(i))
                {
                    Assert.Equal(i, index.Parent[child]);
                    childrenTotal += index.SubtreeSize[child];
                }

                Assert.Equal(index.SubtreeSize[i], 1 + childrenTotal);
            }

            // Generated states are random, so only the structural checks must stay silent.
            Assert.DoesNotContain(InvariantChecker.Check(index), v => v.StartsWith("duplicate", StringComparison.Ordinal)
                || v.StartsWith("missing parent", StringComparison.Ordinal) || v.StartsWith("cycle", StringComparison.Ordinal));
        }, iter: 200);
    }

    [Fact]
    public void ADeepChainIsIndexedWithoutRecursion()
    {
        const int depth = 200_000;
        var records = new SnapshotRecord[depth];
        for (int i = 0; i < depth; i++)
        {
            records[i] = new SnapshotRecord(new SnapshotHandle(i, 1), "Node", "Node", null, i == 0 ? null : new SnapshotHandle(i - 1, 1),
                ResourceState.Alive, SnapshotFlags.None, 0, 0, null, null);
        }

        var snapshot = new ResourceSnapshot(0, DateTime.UnixEpoch, records);
        var index = new SnapshotIndex(snapshot);
        Assert.Equal(depth - 1, index.MaxDepth);
        Assert.Equal(depth, index.SubtreeSize[0]);
        Assert.Empty(InvariantChecker.Check(index));

        // The tree view stops at its depth ceiling and says what it left out instead of overflowing the stack.
        string path = Path.Combine(Path.GetTempPath(), $"chain-{Guid.NewGuid():N}.ressnap");
        try
        {
            SnapshotWriter.WriteFile(snapshot, path);
            DumpRun run = DumpRunner.Run("tree", path);
            Assert.True(run.ExitCode == 0, run.Stderr);
            // At 160 columns the text tree shows levels 0 to 25, leaving room for the labels.
            Assert.Contains($"└── … 1 child below the depth limit ({depth - 26:N0} resources)", run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("*", "anything", true)]
    [InlineData("mesh ?/1*", "mesh 4/12", true)]
    [InlineData("MESH*", "mesh 4", true)]
    [InlineData("mesh", "mesh 4", false)]
    [InlineData("*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    public void GlobMatchesLikeAShell(string pattern, string text, bool expected) =>
        Assert.Equal(expected, new Glob(pattern).IsMatch(text));
}
