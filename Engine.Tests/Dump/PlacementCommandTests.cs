using Engine.Resources;
using Engine.Resources.Snapshots;

namespace Engine.Tests.Dump;

/// <summary>What resdump says about placements a broken registry or a crafted file holds: validate names each broken
/// rule, stats counts what it cannot place and still sums each byte once.</summary>
public class PlacementCommandTests
{
    private static SnapshotRecord Record(int id, string name, long? size, SnapshotHandle? placedIn = null, long offset = 0) =>
        new(new SnapshotHandle(id, 1), id == 0 ? "Heap" : "Range", "Payload", name, null, ResourceState.Alive, SnapshotFlags.None, 0, 0, size, null)
        {
            Placement = placedIn is { } container ? new SnapshotPlacement(container, offset) : null,
        };

    [Fact]
    public void Validate_names_a_missing_container_a_missing_dependency_and_overlaps()
    {
        var heap = new SnapshotHandle(0, 1);
        SnapshotRecord[] records =
        [
            Record(0, "heap", 1000),
            Record(1, "a", 600, heap, 0),
            Record(2, "b", 600, heap, 500), // overlaps a and runs past the end; does not depend on the heap either
            Record(3, "lost", 10, new SnapshotHandle(9, 1), 0),
        ];
        SnapshotDependency[] dependencies = [new(new SnapshotHandle(1, 1), heap), new(new SnapshotHandle(3, 1), heap)];
        string path = Write(new ResourceSnapshot(1, DateTime.UnixEpoch, records, null, dependencies));
        try
        {
            DumpRun validate = DumpRunner.Run("validate", path);
            Assert.Equal(1, validate.ExitCode);
            Assert.Contains("missing container: Range \"lost\" #3v1 is placed in #9v1, which is not in the snapshot", validate.Stdout, StringComparison.Ordinal);
            Assert.Contains("placement without dependency: Range \"b\" #2v1 is placed in Heap \"heap\" #0v1 but does not depend on it", validate.Stdout, StringComparison.Ordinal);
            Assert.Contains("overlapping placements: in Heap \"heap\" #0v1 (1000 B), 1 placed range overlaps another or runs past the end", validate.Stdout, StringComparison.Ordinal);

            DumpRun stats = DumpRunner.Run("stats", path);
            Assert.Equal(0, stats.ExitCode);
            Assert.Contains("Heap \"heap\" #0v1 (1 bad range: overlapping or past the end)", stats.Stdout, StringComparison.Ordinal);
            Assert.Contains("1 placement names a container the file lacks or that declares no size.", stats.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_documented_memory_example_is_valid() =>
        Assert.Equal(0, DumpRunner.Run("validate", GoldenFiles.Path("memory.ressnap")).ExitCode);

    private static string Write(ResourceSnapshot snapshot)
    {
        string path = Path.Combine(Path.GetTempPath(), $"placements-{Guid.NewGuid():N}.ressnap");
        SnapshotWriter.WriteFile(snapshot, path, SnapshotCompression.None);
        return path;
    }
}
