using Engine.Resources;
using CsCheck;
using Engine.Resources.Snapshots;

namespace Engine.Tests.Snapshots;

/// <summary>CsCheck generators of random but well-formed forests.</summary>
public static class SnapshotGenerators
{
    private static readonly string[] Kinds = ["Instance", "Device", "Buffer", "Image", "ImageView", "Fence", "Pipeline"];

    public static readonly Gen<RecordSpec> Spec =
        Gen.Select(
            Gen.Int[-1, 1000],
            Gen.Int[0, int.MaxValue],
            Gen.OneOf(Kinds),
            Gen.String.Null(0.3),
            Gen.Enum<ResourceState>(),
            Gen.OneOf(SnapshotFlags.None, SnapshotFlags.ExplicitRelease),
            Gen.Select(Gen.Long, Gen.ULong, Gen.Long.Nullable(0.5), Gen.String.Null(0.8)))
        .Select((parent, version, kind, name, state, flags, rest) =>
            new RecordSpec(parent, version, kind, name, state, flags, rest.Item1, rest.Item2, rest.Item3, rest.Item4));

    /// <summary>A forest: specs become records with distinct ids, each parent chosen among earlier records, then shuffled.</summary>
    public static readonly Gen<ResourceSnapshot> Snapshot =
        Gen.Select(Spec.Array[0, 120], Gen.Int[0, 1_000_000], Gen.Int[1, 9], Gen.Long[0, long.MaxValue / 2], Gen.Int[0, int.MaxValue])
        .Select((specs, firstId, stride, frame, shuffleSeed) =>
        {
            var records = new SnapshotRecord[specs.Length];
            for (int i = 0; i < specs.Length; i++)
            {
                RecordSpec s = specs[i];
                SnapshotHandle? parent = s.ParentChoice < 0 || i == 0 ? null : records[s.ParentChoice % i].Handle;
                records[i] = new SnapshotRecord(new SnapshotHandle(firstId + i * stride, s.Version), s.Kind, "Engine.Payloads." + s.Kind,
                    s.Name, parent, s.State, s.Flags, s.CreationFrame, s.LastGpuUse, s.SizeBytes, s.Fault);
            }

            new Random(shuffleSeed).Shuffle(records);
            return new ResourceSnapshot(frame, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(shuffleSeed * 10L), records);
        });
}
