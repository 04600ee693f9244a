using Engine.Resources;
using Engine.Resources.Snapshots;
using Engine.Tests.Core;

namespace Engine.Tests.Snapshots;

/// <summary>
/// <see cref="ResourceRegistry.CaptureSnapshotAsync"/> copies the forest on the owner thread at an update and encodes
/// the copy on a worker while frames go on: what the frames after the update do must never show in that capture,
/// however much they change, and a request made while a worker encodes is served by a later update with the forest
/// as it is then.
/// </summary>
public sealed class LiveCaptureTests
{
    [Fact]
    public async Task A_capture_shows_the_forest_of_its_update_whatever_the_next_frames_do()
    {
        using ResourceRegistry registry = PlainRegistry.Create();
        ResourceHandle device = registry.Create(new DevicePayload(), name: "device");
        var scopes = new List<ResourceHandle>();
        for (int s = 0; s < 200; s++)
        {
            ResourceHandle scope = registry.Create(new ScopePayload(), device, $"scope {s}");
            scopes.Add(scope);
            for (int b = 0; b < 100; b++)
            {
                registry.Create(new BufferPayload(), scope, $"buffer {s}.{b}");
            }
        }

        registry.RequestDestroy(scopes[0], DestroyMode.Cascade);
        Task<byte[]> capture = registry.CaptureSnapshotAsync(TestContext.Current.CancellationToken);
        registry.Update(); // the copy: scope 0 and its buffers just went, the rest is alive
        int expected = registry.Count;
        var names = new HashSet<string?>();
        foreach (ResourceHandle handle in registry.Resources)
        {
            names.Add(registry.GetInfo(handle).Name);
        }

        // The next frames tear the forest apart and rebuild it under other names, while the worker may still encode.
        for (int frame = 0; frame < 20 && !capture.IsCompleted; frame++)
        {
            registry.RequestDestroy(scopes[frame + 1], DestroyMode.Cascade);
            ResourceHandle fresh = registry.Create(new ScopePayload(), device, $"later scope {frame}");
            for (int b = 0; b < 50; b++)
            {
                registry.Create(new BufferPayload(), fresh, $"later buffer {frame}.{b}");
            }

            registry.Update();
        }

        // Waited for before the await, so the test goes on on the registry's thread (the worker never needs it).
        Assert.True(SpinWait.SpinUntil(() => capture.IsCompleted, TimeSpan.FromSeconds(30)));
        ResourceSnapshot snapshot = SnapshotReader.Read(await capture, "live capture");
        Assert.Equal(expected, snapshot.Records.Count);
        Assert.True(names.SetEquals(snapshot.Records.Select(r => r.Name)), "the capture holds resources of other frames");
        Assert.All(snapshot.Records, r => Assert.Equal(ResourceState.Alive, r.State));
        Assert.DoesNotContain(snapshot.Records, r => r.Name is { } n && n.StartsWith("later", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Requests_made_while_a_capture_is_encoded_get_a_later_forest()
    {
        using ResourceRegistry registry = PlainRegistry.Create();
        ResourceHandle device = registry.Create(new DevicePayload(), name: "device");
        for (int b = 0; b < 20_000; b++)
        {
            registry.Create(new BufferPayload(), device, $"buffer {b}");
        }

        Task<byte[]> first = registry.CaptureSnapshotAsync(TestContext.Current.CancellationToken);
        registry.Update();
        registry.Create(new BufferPayload(), device, "after the first capture");
        Task<byte[]> second = registry.CaptureSnapshotAsync(TestContext.Current.CancellationToken);
        while (!second.IsCompleted)
        {
            registry.Update(); // served by the first update that finds the worker done
            Thread.Sleep(1); // not an await: the registry must stay on this thread
        }

        Assert.True(first.IsCompleted);
        ResourceSnapshot before = SnapshotReader.Read(await first, "first");
        ResourceSnapshot after = SnapshotReader.Read(await second, "second");
        Assert.Equal(20_001, before.Records.Count);
        Assert.Equal(20_002, after.Records.Count);
        Assert.Contains(after.Records, r => r.Name == "after the first capture");
        Assert.True(after.Header.Frame > before.Header.Frame);
        Assert.True(registry.LastCaptureDuration > TimeSpan.Zero);
        Assert.True(registry.LastCaptureEncodeDuration > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_forest_copied_by_several_threads_reads_as_one_copied_by_the_owner()
    {
        // Above CapturedForest.ParallelFrom the copy is split over threads by slot range: the records, their order and
        // every field must be those of the owner's own capture of the same frame.
        using ResourceRegistry registry = PlainRegistry.Create();
        ResourceHandle device = registry.Create(new DevicePayload(), name: "device");
        var scopes = new List<ResourceHandle>();
        for (int s = 0; scopes.Count * 101 < CapturedForest.ParallelFrom * 2; s++)
        {
            ResourceHandle scope = registry.Create(new ScopePayload(), device, $"scope {s}");
            scopes.Add(scope);
            for (int b = 0; b < 100; b++)
            {
                ResourceHandle buffer = registry.Create(new BufferPayload(), scope, b % 7 == 0 ? null : $"buffer {s}.{b}");
                registry.SetSizeBytes(buffer, 256 * (b + 1));
            }
        }

        for (int s = 0; s < scopes.Count; s += 3)
        {
            registry.RequestDestroy(scopes[s], DestroyMode.Cascade); // holes in the slots once destroyed
        }

        registry.Update();
        for (int s = 1; s + 1 < scopes.Count; s += 6) // never one of those destroyed above (s % 3 == 0)
        {
            registry.MarkInUse(scopes[s], 10);
            registry.RequestDestroy(scopes[s], DestroyMode.Cascade); // pending: waits for the GPU
            registry.AddDependency(scopes[s + 1], device);
        }

        Task<byte[]> capture = registry.CaptureSnapshotAsync(TestContext.Current.CancellationToken);
        registry.Update();
        ResourceSnapshot owner = registry.CaptureSnapshot();
        Assert.True(registry.Count > CapturedForest.ParallelFrom);
        Assert.True(SpinWait.SpinUntil(() => capture.IsCompleted, TimeSpan.FromSeconds(60)));
        ResourceSnapshot copied = SnapshotReader.Read(await capture, "live capture");

        Assert.Equal(owner.Records.Count, copied.Records.Count);
        for (int i = 0; i < owner.Records.Count; i++)
        {
            Assert.Equal(owner.Records[i], copied.Records[i]);
        }

        Assert.Equal(owner.Dependencies.Count, copied.Dependencies.Count);
        Assert.Equal(owner.Header.Frame, copied.Header.Frame);
    }
}
