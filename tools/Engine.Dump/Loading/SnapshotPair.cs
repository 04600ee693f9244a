using Engine.Dump.Rendering;
using Engine.Resources.Snapshots;

namespace Engine.Dump.Loading;

/// <summary>Two snapshots compared by <c>diff</c> and <c>leaks</c>: they must come from one engine, oldest first.</summary>
public static class SnapshotPair
{
    /// <summary>Refuses snapshots of two registries (format 2 records the registry id); warns when OLD is the later one.</summary>
    public static void Check(DumpEnvironment env, string oldPath, string newPath, ResourceSnapshot before, ResourceSnapshot after)
    {
        if (before.RegistryId is { } a && after.RegistryId is { } b && a != b)
        {
            throw new UsageException(
                $"{ResourceLabel.FileName(oldPath)} and {ResourceLabel.FileName(newPath)} come from different registries ({ResourceLabel.Text(a)} and {ResourceLabel.Text(b)}); compare two snapshots of one running engine");
        }

        if (before.Frame > after.Frame)
        {
            env.Stderr.WriteLine(
                $"resdump: warning: OLD ({ResourceLabel.FileName(oldPath)}, frame {before.Frame}) is later than NEW ({ResourceLabel.FileName(newPath)}, frame {after.Frame}); the files look swapped, so growth reads as shrinkage");
        }
    }
}
