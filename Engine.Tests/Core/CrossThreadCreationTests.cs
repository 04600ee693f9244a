using System.Collections.Concurrent;
using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>
/// Creating from a loader thread: a usable handle at once, the resource joins at the next update, its parent is held
/// until then, and whatever happens first (the parent's destruction, a cancel, the shutdown) the native object is
/// destroyed exactly once, with its context.
/// </summary>
public sealed class CrossThreadCreationTests
{
    private static T OnOtherThread<T>(Func<T> action)
    {
        T result = default!;
        Exception? caught = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = action();
            }
            catch (Exception error)
            {
                caught = error;
            }
        });
        thread.Start();
        thread.Join();
        return caught is null ? result : throw new AggregateException(caught);
    }

    [Fact]
    public void A_resource_created_on_a_loader_thread_joins_at_the_next_update_under_its_parent()
    {
        var (registry, log) = DestroyLog.Create();
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance);

        ResourceHandle<BufferPayload> buffer = OnOtherThread(() =>
        {
            var creation = registry.BeginCreate<BufferPayload>(device, "streamed texture");
            return creation.Complete(new BufferPayload { Native = 7 });
        });

        // Usable as a value at once; not alive before the join, with an error that says why.
        Assert.False(registry.IsAlive(buffer));
        var error = Assert.Throws<StaleHandleException>(() => registry.Get(buffer));
        Assert.Contains("being created on another thread", error.Message, StringComparison.Ordinal);

        registry.Update();
        Assert.True(registry.IsAlive(buffer));
        Assert.Equal(device.Untyped, registry.ParentOf(buffer));
        Assert.Equal(7, registry.Get(buffer).Native);
        Assert.Contains("\"streamed texture\"", registry.Describe(buffer), StringComparison.Ordinal);

        registry.RequestDestroy(instance, DestroyMode.Cascade);
        registry.Update();
        Assert.Equal(["buffer 7 with device 2", "device 2 with instance 1", "instance 1"], log.Events);
    }

    [Fact]
    public void The_parent_waits_for_a_creation_in_progress_and_its_cascade_takes_the_newcomer()
    {
        var (registry, log) = DestroyLog.Create();
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance);
        var creation = OnOtherThread(() => registry.BeginCreate<BufferPayload>(device, "in flight"));

        // The owner tears the device down while the loader is still creating under it.
        registry.RequestDestroy(device, DestroyMode.Cascade);
        for (int i = 0; i < 3; i++)
        {
            registry.Update();
            Assert.True(registry.IsAlive(device), "a held parent was destroyed before the creation under it ended");
            Assert.Equal(ResourceState.Blocked, registry.StateOf(device));
        }

        OnOtherThread(() => creation.Complete(new BufferPayload { Native = 9 }));
        registry.Update();
        Assert.False(registry.IsAlive(creation.Handle));
        Assert.False(registry.IsAlive(device));
        Assert.Equal(["buffer 9 with device 2", "device 2 with instance 1"], log.Events);
    }

    [Fact]
    public void A_cancelled_creation_releases_its_parent_and_its_handle_never_comes_alive()
    {
        var (registry, log) = DestroyLog.Create();
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance);
        var creation = OnOtherThread(() => registry.BeginCreate<BufferPayload>(device));
        registry.RequestDestroy(device);
        registry.Update();
        Assert.True(registry.IsAlive(device));

        OnOtherThread(() =>
        {
            creation.Cancel();
            return 0;
        });
        Assert.Throws<InvalidOperationException>(() => creation.Complete(new BufferPayload { Native = 3 }));
        registry.Update();
        Assert.False(registry.IsAlive(device));
        Assert.Equal(["device 2 with instance 1"], log.Events);

        // The slot is reused under a newer version: the cancelled handle stays dead.
        for (int i = 0; i < 40; i++)
        {
            registry.Create(new ScopePayload());
        }

        Assert.False(registry.IsAlive(creation.Handle));
    }

    [Fact]
    public void Disposing_an_unfinished_creation_cancels_it()
    {
        var (registry, _) = DestroyLog.Create();
        var scope = registry.Create(new ScopePayload());
        using (registry.BeginCreate<ScopePayload>(scope))
        {
            // The native creation failed here.
        }

        registry.RequestDestroy(scope);
        registry.Update();
        Assert.False(registry.IsAlive(scope));
    }

    [Fact]
    public void Shutdown_waits_for_a_creation_in_progress_and_destroys_it_exactly_once_with_its_context()
    {
        var (registry, log) = DestroyLog.Create();
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance);
        using var begun = new ManualResetEventSlim();
        var loader = new Thread(() =>
        {
            var creation = registry.BeginCreate<BufferPayload>(device, "late upload");
            begun.Set();
            Thread.Sleep(200); // the native object takes a while
            creation.Complete(new BufferPayload { Native = 5 });
        });
        loader.Start();
        begun.Wait(TestContext.Current.CancellationToken);

        TeardownReport report = registry.Shutdown();
        loader.Join();
        Assert.Equal(["buffer 5 with device 2", "device 2 with instance 1", "instance 1"], log.Events);
        Assert.Contains(report.Leaks, l => l.Name == "late upload");
        var late = Assert.Throws<AggregateException>(() => OnOtherThread(() => registry.BeginCreate<BufferPayload>()));
        Assert.IsType<ObjectDisposedException>(late.InnerException);
        Assert.Throws<ObjectDisposedException>(() => registry.BeginCreate<BufferPayload>());
    }

    [Fact]
    public void A_creation_never_ended_does_not_hang_the_shutdown_nor_keep_its_parent()
    {
        var sink = new CapturingSink();
        using var logger = new Serilog.LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        var (registry, log) = DestroyLog.Create(logger);
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance);
        var forgotten = OnOtherThread(() => registry.BeginCreate<BufferPayload>(device, "loader died"));
        registry.CreationPatience = TimeSpan.FromMilliseconds(50);
        Assert.Throws<ArgumentOutOfRangeException>(() => registry.CreationPatience = TimeSpan.FromSeconds(-1));

        TeardownReport report = registry.Shutdown();
        Assert.Empty(report.NotDestroyed);
        Assert.Equal(["device 2 with instance 1", "instance 1"], log.Events);
        Assert.Contains(sink.Events, e => e.Level == Serilog.Events.LogEventLevel.Error && e.RenderMessage().Contains("did not complete or cancel", StringComparison.Ordinal));
        // The loader comes back too late: told so, so that it destroys its object itself.
        Assert.Throws<ObjectDisposedException>(() => forgotten.Complete(new BufferPayload { Native = 3 }));
    }

    [Fact]
    public void Begin_refuses_dead_parents_and_foreign_ones_and_on_the_owner_thread_runs_the_create_checks()
    {
        var (registry, _) = DestroyLog.Create();
        using var other = PlainRegistry.Create();
        var scope = registry.Create(new ScopePayload());
        registry.RequestDestroy(scope);
        registry.Update();
        var dead = Assert.Throws<AggregateException>(() => OnOtherThread(() => registry.BeginCreate<ScopePayload>(scope)));
        Assert.IsType<ResourceHierarchyException>(dead.InnerException);
        var foreign = other.Create(new ScopePayload());
        Assert.Throws<ForeignHandleException>(() => registry.BeginCreate<ScopePayload>(foreign));
        // Owner thread: the context check of Create runs at once.
        Assert.Throws<ResourceHierarchyException>(() => registry.BeginCreate<BufferPayload>(registry.Create(new ScopePayload())));
    }

    [Fact]
    public void A_join_without_the_context_its_callback_needs_faults_instead_of_using_a_wrong_one()
    {
        var (registry, log) = DestroyLog.Create();
        var scope = registry.Create(new ScopePayload());
        var handle = OnOtherThread(() => registry.BeginCreate<BufferPayload>(scope).Complete(new BufferPayload { Native = 4 }));
        registry.Update();
        Assert.Equal(ResourceState.Faulted, registry.StateOf(handle));
        Assert.Contains("no DevicePayload ancestor", registry.GetInfo(handle).FaultMessage, StringComparison.Ordinal);
        Assert.Empty(log.Events);
    }

    [Fact]
    public void Loader_threads_racing_the_owner_destroy_every_completed_object_exactly_once_and_child_first()
    {
        var (registry, _) = DestroyLog.Create();
        var destroyed = new ConcurrentDictionary<int, int>();
        var parentsGone = new ConcurrentDictionary<int, bool>();
        var createdUnder = new ConcurrentDictionary<int, int>(); // image → the device it was created under
        var wrong = new ConcurrentBag<string>();
        registry.RegisterKind<ImagePayload, DevicePayload>("Image", (ref ImagePayload p, ref DevicePayload d) =>
        {
            destroyed.AddOrUpdate(p.Native, 1, (_, n) => n + 1);
            if (parentsGone.ContainsKey(d.Native) || createdUnder[p.Native] != d.Native)
            {
                wrong.Add($"image {p.Native} (created under device {createdUnder[p.Native]}) destroyed with device {d.Native}, gone: {parentsGone.ContainsKey(d.Native)}");
            }
        });
        registry.RegisterKind<DevicePayload, InstancePayload>("Device", (ref DevicePayload p, ref InstancePayload _) => parentsGone[p.Native] = true);
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var devices = new ResourceHandle<DevicePayload>[4];
        int nextDevice = 0;
        for (int i = 0; i < devices.Length; i++)
        {
            devices[i] = registry.Create(new DevicePayload { Native = ++nextDevice }, instance);
        }

        // Handles are structs: the loaders read them under a lock, as an engine would publish them.
        var shared = new ResourceHandle<DevicePayload>[devices.Length];
        Array.Copy(devices, shared, devices.Length);
        object sharedLock = new();
        var natives = new Dictionary<ResourceHandle, int>();
        foreach (var d in devices)
        {
            natives[d.Untyped] = registry.Get(d).Native;
        }

        var completed = new ConcurrentBag<int>();
        int nextImage = 0;
        using var stop = new CancellationTokenSource();
        var loaders = Enumerable.Range(0, 3).Select(t => new Thread(() =>
        {
            var random = new Random(t);
            for (int n = 0; n < 2000 && !stop.IsCancellationRequested; n++)
            {
                Thread.Yield();
                ResourceHandle parent;
                int parentNative;
                lock (sharedLock)
                {
                    parent = shared[random.Next(shared.Length)].Untyped;
                    parentNative = natives[parent];
                }

                ResourceCreation<ImagePayload> creation;
                try
                {
                    creation = registry.BeginCreate<ImagePayload>(parent, "streamed");
                }
                catch (ResourceHierarchyException)
                {
                    continue; // the owner destroyed that parent a moment ago
                }

                int native = Interlocked.Increment(ref nextImage);
                createdUnder[native] = parentNative;
                if (random.Next(4) == 0)
                {
                    Thread.Sleep(1); // a slow native creation: the owner runs updates meanwhile
                }

                if (random.Next(5) == 0)
                {
                    creation.Cancel();
                }
                else
                {
                    creation.Complete(new ImagePayload { Native = native });
                    completed.Add(native);
                }
            }
        })).ToList();
        loaders.ForEach(l => l.Start());

        var random = new Random(42);
        for (int frame = 0; frame < 200 || loaders.Any(l => l.IsAlive); frame++)
        {
            int victim = random.Next(devices.Length);
            registry.RequestDestroy(devices[victim], DestroyMode.Cascade);
            devices[victim] = registry.Create(new DevicePayload { Native = ++nextDevice }, instance);
            lock (sharedLock)
            {
                shared[victim] = devices[victim];
                natives[devices[victim].Untyped] = nextDevice;
            }

            registry.Update();
            Thread.Yield();
        }

        stop.Cancel();
        loaders.ForEach(l => l.Join());
        registry.Shutdown();
        Assert.True(completed.Count > 100, $"only {completed.Count} creations completed");
        Assert.Empty(wrong);
        Assert.All(completed, native => Assert.Equal(1, destroyed.GetValueOrDefault(native)));
        Assert.Equal(completed.Count, destroyed.Count);
    }
}
