namespace Engine.Resources.Snapshots;

/// <summary>
/// Captures the registry's ownership forest through its public read-only API. Owner thread only, like
/// every other registry query; a capture changes nothing in the registry.
/// </summary>
public static class SnapshotCapture
{
    /// <summary>Captures every live resource as a record, with the dependency edges, frame, time and registry id.
    /// Owner thread only; to go straight to a file, <see cref="WriteSnapshot"/> holds no record per
    /// resource.</summary>
    public static ResourceSnapshot CaptureSnapshot(this ResourceRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var records = new SnapshotRecord[registry.Count];
        int count = 0;
        var typeNames = new PayloadTypeNames();
        foreach (ResourceHandle handle in registry.Resources)
        {
            ResourceInfo info = registry.GetInfo(handle);
            records[count++] = ToRecord(handle, info, typeNames.Of(info.PayloadType));
        }

        if (count != records.Length)
        {
            Array.Resize(ref records, count);
        }

        return new ResourceSnapshot(registry.Frame, DateTime.UtcNow, records, RegistryIdOf(registry), DependenciesOf(registry));
    }

    /// <summary>Captures and writes in one go, straight from the registry: the same file as
    /// <c>SnapshotWriter.Write(registry.CaptureSnapshot(), ...)</c> without a record per resource in memory.</summary>
    public static void WriteSnapshot(this ResourceRegistry registry, Stream stream, SnapshotCompression compression = SnapshotCompression.Lz4)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(stream);
        SnapshotWriter.WriteCore(registry.Frame, DateTime.UtcNow, RegistryIdOf(registry), new SnapshotBody(registry), stream, compression);
    }

    /// <summary>As <see cref="WriteSnapshot"/>, through a temporary file so a crash never leaves a torn snapshot.</summary>
    public static void WriteSnapshotFile(this ResourceRegistry registry, string path, SnapshotCompression compression = SnapshotCompression.Lz4)
    {
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            registry.WriteSnapshot(stream, compression);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The registry's dependency edges as snapshot records.</summary>
    internal static SnapshotDependency[] DependenciesOf(ResourceRegistry registry) =>
        [.. registry.Dependencies.Edges.Select(e => new SnapshotDependency(
            new SnapshotHandle(e.Dependent.Id, e.Dependent.Version), new SnapshotHandle(e.Dependency.Id, e.Dependency.Version)))];

    internal static string RegistryIdOf(ResourceRegistry registry) => registry.InstanceId.ToString("N");

    /// <summary>One resource as a record. Payload type name passed in: callers cache it per type.</summary>
    internal static SnapshotRecord ToRecord(ResourceHandle handle, in ResourceInfo info, string payloadTypeName) =>
        new(new SnapshotHandle(handle.Id, handle.Version),
            info.Kind,
            payloadTypeName,
            info.Name,
            info.Parent.IsNull ? null : new SnapshotHandle(info.Parent.Id, info.Parent.Version),
            info.State,
            (SnapshotFlags)info.Flags,
            info.CreationFrame,
            info.LastGpuUse,
            // The registry stores 0 for "never declared"; no real GPU allocation is empty.
            info.SizeBytes > 0 ? info.SizeBytes : null,
            info.State == ResourceState.Faulted ? info.FaultMessage : null)
        {
            Requested = info.RequestedMode,
            Placement = info.Placement is { } placement
                ? new SnapshotPlacement(new SnapshotHandle(placement.Container.Id, placement.Container.Version), placement.Offset)
                : null,
        };
}
