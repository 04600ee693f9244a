using CsCheck;
using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>
/// A cascade destroys its subtree in one walk, taking each resource on the spot when nothing delays it and handing
/// the rest to the general step. These tests mix, in one cascade, resources the walk takes and resources it must not:
/// a leaf the GPU still uses, an explicit-release resource with what it owns, a resource another resource (outside the
/// subtree) depends on, a callback that fails; plus an inner cascade requested first and Block requests inside. A model
/// says which resources the first update destroys; then every holder is released and everything must go, each
/// resource once, children before parents, each callback with its own device, none before its GPU work completed.
/// </summary>
public sealed class SubtreeWalkTests
{
    private const ulong GpuValue = 5;

    private enum Trait
    {
        None,
        Waiting,
        Explicit,
        Depended,
        Failing,
        RequestedBlock,
        InnerCascade,
    }

    private sealed record Spec(int Parent, bool IsDevice, Trait Trait);

    private static readonly Gen<Trait> TraitGen = Gen.Frequency(
        (10, Gen.Const(Trait.None)),
        (1, Gen.Const(Trait.Waiting)),
        (1, Gen.Const(Trait.Explicit)),
        (1, Gen.Const(Trait.Depended)),
        (1, Gen.Const(Trait.Failing)),
        (1, Gen.Const(Trait.RequestedBlock)),
        (1, Gen.Const(Trait.InnerCascade)));

    // Node 0 is the cascade's root (a device); node i > 0 hangs under a node before it.
    private static readonly Gen<Spec[]> TreeGen = Gen.Int[1, 120].SelectMany(count =>
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Bool, TraitGen).Array[count].Select(raw =>
        {
            var specs = new Spec[count + 1];
            specs[0] = new Spec(-1, true, Trait.None);
            for (int i = 1; i <= count; i++)
            {
                var (parent, isDevice, trait) = raw[i - 1];
                specs[i] = new Spec(parent % i, isDevice && parent % 7 == 0, trait);
            }

            return specs;
        }));

    [Fact]
    public void One_cascade_over_mixed_subtrees_destroys_exactly_what_is_ready_then_everything_once()
    {
        TreeGen.Sample(Run, iter: 400, print: specs => string.Join(", ", specs.Select((s, i) => $"{i}<{s.Parent}{(s.IsDevice ? "D" : "B")}{s.Trait}")));
    }

    [Fact]
    public void A_deep_chain_under_a_deferred_cascade_reads_as_pending_at_every_depth()
    {
        // Deeper than the climb a query makes towards a deferred cascade's root: the query expands it instead.
        var (registry, log) = DestroyLog.Create();
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance);
        var chain = new List<ResourceHandle> { device };
        for (int i = 0; i < 300; i++)
        {
            chain.Add(registry.Create(new BufferPayload { Native = 100 + i }, chain[^1]));
        }

        Assert.Equal(DestroyRequestResult.Queued, registry.RequestDestroy(device, DestroyMode.Cascade));
        Assert.Equal(DestroyRequestResult.AlreadyPending, registry.RequestDestroy(chain[10], DestroyMode.Block));
        Assert.Equal(ResourceState.Pending, registry.StateOf(chain[^1]));
        Assert.Throws<ResourceHierarchyException>(() => registry.Create(new BufferPayload { Native = 9 }, chain[^1]));
        Assert.Equal(301, registry.CountByState(ResourceState.Pending));

        Assert.Equal(301, registry.Update().Destroyed);
        Assert.Equal(Enumerable.Range(0, 300).Reverse().Select(i => $"buffer {100 + i} with device 2").Append("device 2 with instance 1"), log.Events);
        registry.Shutdown();
    }

    [Fact]
    public void A_callback_that_requests_a_resource_the_walk_has_not_reached_leaves_it_for_the_next_update()
    {
        var (registry, log) = DestroyLog.Create();
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance);
        var scope = registry.Create(new ScopePayload(), device);
        var first = registry.Create(new BufferPayload { Native = 10 }, scope);
        var keep = registry.Create(new ScopePayload(), device, flags: ResourceFlags.ExplicitRelease);
        var owned = registry.Create(new BufferPayload { Native = 20 }, keep);
        registry.RegisterKind<ImagePayload, DevicePayload>("Image", (ref ImagePayload p, ref DevicePayload d) =>
        {
            log.Events.Add($"image {p.Native}");
            registry.RequestDestroy(keep, DestroyMode.Cascade); // not covered by the running cascade: next update
        });
        registry.Create(new ImagePayload { Native = 30 }, scope);

        registry.RequestDestroy(scope, DestroyMode.Cascade);
        registry.Update();
        Assert.True(registry.IsAlive(keep));
        Assert.True(registry.IsAlive(owned));
        Assert.Equal(ResourceState.Pending, registry.StateOf(owned));
        Assert.False(registry.IsAlive(first));

        registry.Update();
        Assert.False(registry.IsAlive(keep));
        Assert.Contains("buffer 20 with device 2", log.Events);
        registry.Shutdown();
    }

    [Fact]
    public void Shutdown_takes_a_resource_a_callback_cascades_during_the_teardown()
    {
        // The teardown takes everything: a request a callback makes meanwhile must not make the walk step around it.
        var (registry, log) = DestroyLog.Create();
        ResourceHandle held = default;
        registry.RegisterKind<ImagePayload>("Trigger", (ref ImagePayload p) =>
        {
            log.Events.Add($"trigger {p.Native}");
            registry.RequestDestroy(held, DestroyMode.Cascade);
        });
        registry.Create(new ImagePayload { Native = 1 });
        var instance = registry.Create(new InstancePayload { Native = 2 });
        held = instance;
        var device = registry.Create(new DevicePayload { Native = 3 }, instance);
        registry.RequestDestroy(instance); // Block: held by its device
        registry.Update();
        Assert.Equal(ResourceState.Blocked, registry.StateOf(instance));

        var report = registry.Shutdown();
        Assert.Empty(report.NotDestroyed);
        Assert.Contains("device 3 with instance 2", log.Events);
        Assert.Contains("instance 2", log.Events);
        Assert.False(registry.IsAlive(device));
    }

    [Fact]
    public void Enumerating_resources_while_a_creation_holds_a_fresh_slot_beyond_the_tables_works()
    {
        var (registry, _) = DestroyLog.Create();
        for (int i = 0; i < 64; i++)
        {
            registry.Create(new ScopePayload { Frame = i });
        }

        ResourceCreation<ScopePayload>? creation = null;
        var loader = new Thread(() => creation = registry.BeginCreate<ScopePayload>());
        loader.Start();
        loader.Join();
        int count = 0;
        foreach (var handle in registry.Resources)
        {
            count++;
        }

        Assert.Equal(64, count);
        Assert.Equal(64, Engine.Resources.Snapshots.SnapshotCapture.CaptureSnapshot(registry).Records.Count);
        creation!.Cancel();
        registry.CreationPatience = TimeSpan.Zero;
        Assert.Empty(registry.Shutdown().NotDestroyed);
    }

    private static void Run(Spec[] specs)
    {
        var (registry, log) = DestroyLog.Create();
        try
        {
            RunIn(registry, log, specs);
        }
        finally
        {
            registry.Dispose();
        }
    }

    private static void RunIn(ResourceRegistry registry, DestroyLog log, Spec[] specs)
    {
        int n = specs.Length;
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var outside = registry.Create(new ScopePayload(), instance, "outside");
        var handles = new ResourceHandle[n];
        var device = new int[n]; // the native of each node's nearest device, itself included
        var children = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < n; i++)
        {
            var spec = specs[i];
            var parent = spec.Parent < 0 ? (ResourceHandle)instance : handles[spec.Parent];
            var flags = spec.Trait == Trait.Explicit ? ResourceFlags.ExplicitRelease : ResourceFlags.None;
            if (spec.IsDevice)
            {
                handles[i] = registry.Create(new DevicePayload { Native = 1000 + i }, parent, flags: flags);
                device[i] = 1000 + i;
            }
            else
            {
                handles[i] = registry.Create(new BufferPayload { Native = 1000 + i }, parent, flags: flags);
                device[i] = device[spec.Parent];
            }

            if (spec.Parent >= 0)
            {
                children[spec.Parent].Add(i);
            }
        }

        var dependents = new List<ResourceHandle>();
        for (int i = 0; i < n; i++)
        {
            switch (specs[i].Trait)
            {
                case Trait.Waiting:
                    registry.MarkInUse(handles[i], GpuValue);
                    break;
                case Trait.Depended:
                    var dependent = registry.Create(new ScopePayload(), outside);
                    registry.AddDependency(dependent, handles[i]);
                    dependents.Add(dependent);
                    break;
                case Trait.Failing:
                    log.FailBuffers.Add(1000 + i);
                    break;
            }
        }

        // Requests last: a requested resource takes no new dependents.
        for (int i = 0; i < n; i++)
        {
            switch (specs[i].Trait)
            {
                case Trait.RequestedBlock:
                    registry.RequestDestroy(handles[i], DestroyMode.Block);
                    break;
                case Trait.InnerCascade:
                    registry.RequestDestroy(handles[i], DestroyMode.Cascade);
                    break;
            }
        }

        // The model of the first update: what a cascade on node 0 covers, and what of that can go at once.
        var covered = new bool[n];
        var requested = new bool[n];
        void Cover(int node, bool byCascade)
        {
            var trait = specs[node].Trait;
            bool explicitNode = trait == Trait.Explicit;
            covered[node] = byCascade && !explicitNode;
            requested[node] = covered[node] || (trait is Trait.RequestedBlock or Trait.InnerCascade && !explicitNode);
            bool childrenCovered = covered[node] || trait == Trait.InnerCascade;
            foreach (int child in children[node])
            {
                Cover(child, childrenCovered);
            }
        }

        Cover(0, byCascade: true);
        requested[0] = true;
        covered[0] = true;
        var destroyedFirst = new bool[n];
        bool Goes(int node)
        {
            bool all = true;
            foreach (int child in children[node])
            {
                all &= Goes(child);
            }

            var trait = specs[node].Trait;
            bool fails = trait == Trait.Failing && !specs[node].IsDevice; // only buffer callbacks are made to fail
            bool ready = all && requested[node] && trait is not (Trait.Waiting or Trait.Depended) && !fails;
            destroyedFirst[node] = ready;
            return ready;
        }

        Goes(0);
        registry.RequestDestroy(handles[0], DestroyMode.Cascade);
        registry.Update(completedGpuValue: 0);
        for (int i = 0; i < n; i++)
        {
            Assert.True(destroyedFirst[i] != registry.IsAlive(handles[i]), $"node {i} ({specs[i].Trait}): expected {(destroyedFirst[i] ? "destroyed" : "alive")} after the first update");
        }

        CheckOrder(log, children, device);

        // Release every holder: the GPU completes, dependents go, failing callbacks are repaired and retried,
        // explicit-release resources are released by their owner.
        log.FailBuffers.Clear();
        foreach (var dependent in dependents)
        {
            registry.RequestDestroy(dependent);
        }

        for (int i = 0; i < n; i++)
        {
            if (!registry.IsAlive(handles[i]))
            {
                continue;
            }

            if (registry.StateOf(handles[i]) == ResourceState.Faulted)
            {
                registry.RetryDestroy(handles[i]);
            }

            if (specs[i].Trait == Trait.Explicit)
            {
                registry.RequestDestroy(handles[i], DestroyMode.Cascade);
            }
        }

        for (int frame = 0; frame < n + 3 && handles.Any(registry.IsAlive); frame++)
        {
            registry.Update(completedGpuValue: GpuValue);
        }

        Assert.All(handles, h => Assert.False(registry.IsAlive(h)));
        Assert.Equal(n, CheckOrder(log, children, device));
    }

    /// <summary>Each native once, after all of its children, with its own device as the context.</summary>
    private static int CheckOrder(DestroyLog log, List<int>[] children, int[] device)
    {
        var position = new Dictionary<int, int>();
        for (int e = 0; e < log.Events.Count; e++)
        {
            string[] words = log.Events[e].Split(' ');
            if (words[0] is not ("buffer" or "device") || !int.TryParse(words[1], out int native) || native < 1000)
            {
                continue;
            }

            int node = native - 1000;
            Assert.True(position.TryAdd(node, e), $"node {node} destroyed twice");
            // A buffer gets its nearest device; a device, the instance.
            Assert.Equal(words[0] == "buffer" ? device[node] : 1, int.Parse(words[4], System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var (node, at) in position)
        {
            foreach (int child in children[node])
            {
                Assert.True(position.TryGetValue(child, out int childAt) && childAt < at, $"node {node} destroyed before its child {child}");
            }
        }

        return position.Count;
    }
}
