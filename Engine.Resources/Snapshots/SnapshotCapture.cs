namespace Engine.Resources.Snapshots;

/// <summary>
/// Captures the registry's ownership forest through its public read-only API. Owner thread only, like
/// every other registry query; a capture changes nothing in the registry.
/// </summary>
public static class SnapshotCapture
{
    public static ResourceSnapshot CaptureSnapshot(this ResourceRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var records = new SnapshotRecord[registry.Count];
        int count = 0;
        Type? lastType = null;
        string lastTypeName = string.Empty;
        foreach (ResourceHandle handle in registry.Resources)
        {
            ResourceInfo info = registry.GetInfo(handle);
            // Type names are computed once per run of same-typed resources, not once per resource.
            if (!ReferenceEquals(info.PayloadType, lastType))
            {
                lastType = info.PayloadType;
                lastTypeName = lastType.FullName ?? lastType.Name;
            }

            records[count++] = new SnapshotRecord(
                new SnapshotHandle(handle.Id, handle.Version),
                info.Kind,
                lastTypeName,
                info.Name,
                info.Parent.IsNull ? null : new SnapshotHandle(info.Parent.Id, info.Parent.Version),
                (SnapshotState)info.State,
                (SnapshotFlags)info.Flags,
                info.CreationFrame,
                info.LastGpuUse,
                // The registry stores 0 for "never declared"; no real GPU allocation is empty.
                info.SizeBytes > 0 ? info.SizeBytes : null,
                info.State == ResourceState.Faulted ? info.FaultMessage : null);
        }

        if (count != records.Length)
        {
            Array.Resize(ref records, count);
        }

        return new ResourceSnapshot(registry.Frame, DateTime.UtcNow, records);
    }

    public static void WriteSnapshot(this ResourceRegistry registry, Stream stream, SnapshotCompression compression = SnapshotCompression.Lz4) =>
        SnapshotWriter.Write(registry.CaptureSnapshot(), stream, compression);

    public static void WriteSnapshotFile(this ResourceRegistry registry, string path, SnapshotCompression compression = SnapshotCompression.Lz4) =>
        SnapshotWriter.WriteFile(registry.CaptureSnapshot(), path, compression);
}
