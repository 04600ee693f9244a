using CsCheck;
using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>
/// Random operation sequences run against the registry and against a plain reference model of the forest. After
/// every operation the registry must agree with the model (liveness, parent, children order, state); destroy
/// callbacks check, when they run, that the resource has no live descendant, was not destroyed before, and that the
/// context they got is the true nearest device ancestor. Every public operation appears: creation and moves (also
/// right after a request, before the update), requests from the owner thread and from another thread, GPU use,
/// faults, retry, abandon, updates, creations begun and completed or cancelled on another thread (joining at the next
/// update, holding their parent until then); a frame counter feed is open throughout and every update's counters
/// must match what the model saw the frame create, destroy and fault; a destroy callback may re-enter the registry with any public call; handles of a
/// second registry are used with every call that takes one. CsCheck shrinks a failing sequence and prints it.
/// </summary>
public class ModelBasedTests
{
    public enum OpKind
    {
        CreateRoot,
        CreateDevice,
        CreateScope,
        CreateBuffer,
        Reparent,
        RequestBlock,
        RequestCascade,
        MarkInUse,
        AdvanceGpu,
        Break,
        Repair,
        Retry,
        Abandon,
        Update,
        RequestFromOtherThread,
        ReenterFromCallback,
        UseForeignHandle,
        AddDependency,
        RemoveDependency,
        BeginCreationOnOtherThread,
        EndCreationOnOtherThread,
    }

    public readonly record struct Op(OpKind Kind, int A, int B)
    {
        public override string ToString() => $"{Kind}({A},{B})";
    }

    private static readonly Gen<Op> OpGen = Gen.Frequency(
        (3, Gen.Const(OpKind.CreateRoot)),
        (3, Gen.Const(OpKind.CreateDevice)),
        (4, Gen.Const(OpKind.CreateScope)),
        (8, Gen.Const(OpKind.CreateBuffer)),
        (3, Gen.Const(OpKind.Reparent)),
        (4, Gen.Const(OpKind.RequestBlock)),
        (3, Gen.Const(OpKind.RequestCascade)),
        (3, Gen.Const(OpKind.MarkInUse)),
        (3, Gen.Const(OpKind.AdvanceGpu)),
        (1, Gen.Const(OpKind.Break)),
        (1, Gen.Const(OpKind.Repair)),
        (1, Gen.Const(OpKind.Retry)),
        (1, Gen.Const(OpKind.Abandon)),
        (6, Gen.Const(OpKind.Update)),
        (2, Gen.Const(OpKind.RequestFromOtherThread)),
        (3, Gen.Const(OpKind.ReenterFromCallback)),
        (1, Gen.Const(OpKind.UseForeignHandle)),
        (3, Gen.Const(OpKind.AddDependency)),
        (1, Gen.Const(OpKind.RemoveDependency)),
        (3, Gen.Const(OpKind.BeginCreationOnOtherThread)),
        (3, Gen.Const(OpKind.EndCreationOnOtherThread)))
        .Select(Gen.Int[0, 63], Gen.Int[0, 63], (kind, a, b) => new Op(kind, a, b));

    [Fact]
    public void Random_operation_sequences_keep_every_rule()
    {
        OpGen.Array[1, 80].Sample(
            ops => new ModelRun().Run(ops),
            iter: 1200,
            print: ops => string.Join(", ", ops));
    }

    private struct Root
    {
        public int Id;
    }

    private struct Device
    {
        public int Id;
    }

    private struct Scope
    {
        public int Id;
    }

    private struct Buffer
    {
        public int Id;
    }

    /// <summary>One sequence: the registry, the model, and the checks.</summary>
    private sealed class ModelRun
    {
        private readonly ResourceRegistry _registry = new();
        private readonly ResourceRegistry _other = new ResourceRegistry().WithPlainKind<Root>().WithPlainKind<Scope>();
        private readonly List<ResourceHandle> _foreign = new();
        private readonly List<Node> _nodes = new();
        private readonly HashSet<int> _broken = new();
        private readonly HashSet<Node> _requestedThisUpdate = new();
        private readonly List<InFlight> _inFlight = new();   // begun on another thread, not ended
        private readonly List<InFlight> _ended = new();      // ended (completed or cancelled), joining at the next update
        private Op? _reentry;
        // Open for the whole run: every update's counters must match what the model saw the frame do.
        private readonly Engine.Resources.Counters.FrameCounterFeed _frameCounters;
        private readonly Engine.Resources.Counters.FrameCounters[] _frameRead = new Engine.Resources.Counters.FrameCounters[4];
        private int _createdSinceUpdate;
        private int _destroyedThisUpdate;
        private int _faultedThisUpdate;
        private bool _baselineSet;
        private ulong _completed;
        private ulong _submitted;
        private long _attachClock;

        public ModelRun()
        {
            _registry.RegisterKind<Root>("Root", (ref Root p) => Destroyed(p.Id, null));
            _registry.RegisterKind<Device, Root>("Device", (ref Device p, ref Root r) => Destroyed(p.Id, r.Id));
            _registry.RegisterKind<Scope>("Scope", (ref Scope p) => Destroyed(NodeOfPayload(p.Id), null));
            _registry.RegisterKind<Buffer, Device>("Buffer", (ref Buffer p, ref Device d) => Destroyed(p.Id, d.Id));

            // The second registry: its handles collide with this one's slots (#0v1, #1v1...), the worst case.
            var otherRoot = _other.Create(new Root { Id = -1 }, name: "foreign root");
            _foreign.Add(otherRoot);
            _foreign.Add(_other.Create(new Scope { Id = -2 }, otherRoot, "foreign scope"));
            _frameCounters = _registry.OpenFrameCounterFeed();
        }

        private enum Kind
        {
            Root,
            Device,
            Scope,
            Buffer,
        }

        /// <summary>A creation begun on another thread: it holds <see cref="Parent"/> until it joins or is cancelled.</summary>
        private sealed class InFlight
        {
            public required ResourceCreation<Scope> Creation;
            public required Node? Parent;
            public required int Id;
            public bool Cancelled;
        }

        private sealed class Node
        {
            public required int Id;
            public string? Name;
            public required Kind Kind;
            public required ResourceHandle Handle;
            public Node? Parent;
            public bool Alive = true;
            public bool Explicit;
            public DestroyMode Requested;   // recorded: owner-thread requests at once, other threads' at the update
            public DestroyMode Queued;      // requested by another thread, not yet applied
            public DestroyMode QueuedEver;  // the strongest mode another thread ever asked for
            public long AttachOrder;
            public HashSet<Node> DependsOn = new();
            public ulong LastUse;
            public bool Faulted;
            public int DestroyCalls;
        }

        private string _lastOp = "";

        public void Run(Op[] ops)
        {
            try
            {
                foreach (var op in ops)
                {
                    _lastOp = op.ToString();
                    Apply(op);
                    CheckAgreement();
                }

                Shutdown();
            }
            finally
            {
                _reentry = null;
                _registry.Dispose();
                _other.Dispose();
            }
        }

        private IEnumerable<Node> Alive => _nodes.Where(n => n.Alive);

        private Node? Pick(int index)
        {
            var alive = Alive.ToList();
            return alive.Count == 0 ? null : alive[index % alive.Count];
        }

        private void Apply(Op op)
        {
            switch (op.Kind)
            {
                case OpKind.CreateRoot:
                    Create(Kind.Root, null, op.B % 5 == 0);
                    break;
                case OpKind.CreateDevice:
                case OpKind.CreateScope:
                case OpKind.CreateBuffer:
                    Create(op.Kind switch { OpKind.CreateDevice => Kind.Device, OpKind.CreateScope => Kind.Scope, _ => Kind.Buffer }, Pick(op.A), op.B % 5 == 0);
                    break;
                case OpKind.Reparent:
                    Reparent(Pick(op.A), op.B % 7 == 0 ? null : Pick(op.B));
                    break;
                case OpKind.RequestBlock:
                case OpKind.RequestCascade:
                    Request(Pick(op.A), op.Kind == OpKind.RequestBlock ? DestroyMode.Block : DestroyMode.Cascade);
                    break;
                case OpKind.MarkInUse:
                    if (Pick(op.A) is { } used)
                    {
                        ulong value = ++_submitted;
                        _registry.MarkInUse(used.Handle, value);
                        used.LastUse = Math.Max(used.LastUse, value);
                    }

                    break;
                case OpKind.AdvanceGpu:
                    _completed = Math.Min(_submitted, _completed + (ulong)(op.A % 3) + 1);
                    break;
                case OpKind.Break:
                    if (Pick(op.A) is { } broken)
                    {
                        _broken.Add(broken.Id);
                    }

                    break;
                case OpKind.Repair:
                    _broken.Clear();
                    break;
                case OpKind.Retry:
                case OpKind.Abandon:
                    RetryOrAbandon(op);
                    break;
                case OpKind.Update:
                    Update();
                    break;
                case OpKind.RequestFromOtherThread:
                    RequestFromOtherThread(Pick(op.A), op.B % 2 == 0 ? DestroyMode.Block : DestroyMode.Cascade);
                    break;
                case OpKind.ReenterFromCallback:
                    _reentry = op; // the next destroy callback to run makes the call
                    break;
                case OpKind.UseForeignHandle:
                    UseForeignHandle(op);
                    break;
                case OpKind.AddDependency:
                    AddDependency(Pick(op.A), Pick(op.B));
                    break;
                case OpKind.BeginCreationOnOtherThread:
                    BeginCreation(op.B % 7 == 0 ? null : Pick(op.A));
                    break;
                case OpKind.EndCreationOnOtherThread:
                    EndCreation(op);
                    break;
                case OpKind.RemoveDependency:
                    RemoveDependency(op);
                    break;
            }
        }

        private void Create(Kind kind, Node? parent, bool explicitRelease)
        {
            int id = _nodes.Count;
            var flags = explicitRelease ? ResourceFlags.ExplicitRelease : ResourceFlags.None;
            var parentHandle = parent?.Handle ?? ResourceHandle.Null;
            bool parentClosing = parent is not null && RejectsNewChildren(parent);
            bool contextMissing = kind switch
            {
                Kind.Device => NearestOf(parent, Kind.Root) is null,
                Kind.Buffer => NearestOf(parent, Kind.Device) is null,
                _ => false,
            };
            try
            {
                ResourceHandle handle = kind switch
                {
                    Kind.Root => _registry.Create(new Root { Id = id }, parentHandle, $"n{id}", flags),
                    Kind.Device => _registry.Create(new Device { Id = id }, parentHandle, $"n{id}", flags),
                    Kind.Scope => _registry.Create(new Scope { Id = id }, parentHandle, $"n{id}", flags),
                    _ => _registry.Create(new Buffer { Id = id }, parentHandle, $"n{id}", flags),
                };
                Assert.False(contextMissing, $"creating {kind} under {Describe(parent)} must fail: no context ancestor");
                Assert.False(parentClosing, $"creating under closing {Describe(parent)} must fail");
                _nodes.Add(new Node { Id = id, Kind = kind, Handle = handle, Parent = parent, Explicit = explicitRelease, AttachOrder = ++_attachClock });
                _createdSinceUpdate++;
            }
            catch (ResourceHierarchyException rejection)
            {
                Assert.True(contextMissing || parentClosing, $"creating {kind} under {Describe(parent)} was rejected without reason: {rejection.Message} {Chain(parent)}");
            }
        }

        private void Reparent(Node? child, Node? parent)
        {
            if (child is null)
            {
                return;
            }

            bool cycle = parent is not null && (IsSelfOrAncestor(child, parent) || MustPrecede(parent, child));
            bool closing = parent is not null && RejectsNewChildren(parent);
            var oldParent = child.Parent;
            bool contextLost = false;
            if (!cycle && !closing)
            {
                child.Parent = parent;
                contextLost = Subtree(child).Any(n =>
                    (n.Kind == Kind.Device && NearestOf(n.Parent, Kind.Root) is null) ||
                    (n.Kind == Kind.Buffer && NearestOf(n.Parent, Kind.Device) is null));
                child.Parent = oldParent;
            }

            try
            {
                _registry.SetParent(child.Handle, parent?.Handle ?? ResourceHandle.Null);
                Assert.False(cycle || closing || contextLost, $"move of {Describe(child)} under {Describe(parent)} must fail");
                if (parent != oldParent)
                {
                    child.AttachOrder = ++_attachClock; // the moved resource is its new parent's youngest child
                }

                child.Parent = parent;
            }
            catch (ResourceHierarchyException)
            {
                Assert.True(cycle || closing || contextLost, $"move of {Describe(child)} under {Describe(parent)} was rejected without reason");
                Assert.Equal(oldParent?.Handle ?? ResourceHandle.Null, _registry.ParentOf(child.Handle));
            }
        }

        private static T OnOtherThread<T>(Func<T> call)
        {
            T result = default!;
            Exception? error = null;
            var thread = new Thread(() =>
            {
                try
                {
                    result = call();
                }
                catch (Exception e)
                {
                    error = e;
                }
            });
            thread.Start();
            thread.Join();
            return error is null ? result : throw error;
        }

        /// <summary>Any live parent (or none) is accepted, even one whose destruction was requested: the newcomer joins and goes with it.</summary>
        private void BeginCreation(Node? parent)
        {
            int id = ++_creationsBegun;
            var creation = OnOtherThread(() => _registry.BeginCreate<Scope>(parent?.Handle ?? ResourceHandle.Null, $"t{id}"));
            Assert.False(_registry.IsAlive(creation.Handle));
            Assert.DoesNotContain(_nodes, n => n.Handle == creation.Handle.Untyped); // a handle is never issued twice
            _inFlight.Add(new InFlight { Creation = creation, Parent = parent, Id = id });
        }

        private void EndCreation(Op op)
        {
            if (_inFlight.Count == 0)
            {
                return;
            }

            InFlight pending = _inFlight[op.A % _inFlight.Count];
            _inFlight.Remove(pending);
            pending.Cancelled = op.B % 4 == 0;
            OnOtherThread(() =>
            {
                if (pending.Cancelled)
                {
                    pending.Creation.Cancel();
                }
                else
                {
                    pending.Creation.Complete(new Scope { Id = JoinedPayloadBase + pending.Id }); // the node id is known at the join
                }

                return 0;
            });
            _ended.Add(pending);
        }

        /// <summary>As the registry's update begins: ended creations join in the order they ended, or let go of their parent.</summary>
        private void JoinEnded()
        {
            foreach (InFlight ended in _ended)
            {
                if (ended.Cancelled)
                {
                    Assert.False(_registry.IsAlive(ended.Creation.Handle));
                    continue;
                }

                Assert.DoesNotContain(_nodes, n => n.Handle == ended.Creation.Handle); // a handle is never issued twice
                var node = new Node { Id = _nodes.Count, Name = $"t{ended.Id}", Kind = Kind.Scope, Handle = ended.Creation.Handle, Parent = ended.Parent, AttachOrder = ++_attachClock };
                _joinedIds[JoinedPayloadBase + ended.Id] = node.Id;
                _nodes.Add(node);
                _createdSinceUpdate++;
                if (ended.Parent is not null && RejectsNewChildren(ended.Parent))
                {
                    MarkCascade(node, node); // its parent is going: it goes with it
                }
            }

            _ended.Clear();
        }

        private const int JoinedPayloadBase = 1_000_000;

        private int _creationsBegun;

        private readonly Dictionary<int, int> _joinedIds = new(); // payload id of a joined creation → its node id

        private int NodeOfPayload(int payloadId) => payloadId >= JoinedPayloadBase ? _joinedIds[payloadId] : payloadId;

        /// <summary>Creations begun under <paramref name="node"/> that have not joined yet hold it like children.</summary>
        private bool IsHeld(Node node) => _inFlight.Concat(_ended).Any(c => c.Parent == node);

        private void Request(Node? node, DestroyMode mode)
        {
            if (node is null)
            {
                return;
            }

            var expected = node.Requested >= mode ? DestroyRequestResult.AlreadyPending : DestroyRequestResult.Queued;
            string chain = Chain(node);
            var actual = _registry.RequestDestroy(node.Handle, mode);
            Assert.True(expected == actual, $"{mode} request of {Describe(node)}: expected {expected}, got {actual}; {chain}");
            Record(node, mode);
        }

        /// <summary>An owner-thread request is recorded at once: block marks the node, cascade its subtree as it is now.</summary>
        private void Record(Node node, DestroyMode mode)
        {
            if (mode == DestroyMode.Cascade)
            {
                if (node.Requested != DestroyMode.Cascade)
                {
                    MarkCascade(node, node);
                }
            }
            else if (node.Requested == 0)
            {
                node.Requested = DestroyMode.Block;
                _requestedThisUpdate.Add(node);
            }
        }

        private void RequestFromOtherThread(Node? node, DestroyMode mode)
        {
            if (node is null)
            {
                return;
            }

            // Whoever asked first, the owner thread or another one: the same request again is AlreadyPending.
            var expected = node.QueuedEver >= mode || node.Requested >= mode ? DestroyRequestResult.AlreadyPending : DestroyRequestResult.Queued;
            DestroyRequestResult result = default;
            var thread = new Thread(() => result = _registry.RequestDestroy(node.Handle, mode));
            thread.Start();
            thread.Join();
            Assert.Equal(expected, result);
            node.Queued = (DestroyMode)Math.Max((int)node.Queued, (int)mode);
            node.QueuedEver = (DestroyMode)Math.Max((int)node.QueuedEver, (int)mode);
            Assert.NotEqual(ResourceState.Alive, _registry.StateOf(node.Handle)); // visible at once, applied at the update
        }

        /// <summary>A handle of the second registry, used with every call that takes one: recognised, and nothing changes.</summary>
        private void UseForeignHandle(Op op)
        {
            var foreign = _foreign[op.A % _foreign.Count];
            var mine = Pick(op.B);
            Assert.False(_registry.IsAlive(foreign));
            Action call = (op.A / _foreign.Count % 9) switch
            {
                0 => () => _registry.GetInfo(foreign),
                1 => () => _registry.RequestDestroy(foreign, DestroyMode.Cascade),
                2 => () => _registry.Create(new Scope { Id = -3 }, foreign),
                3 => () => _registry.SetParent(mine?.Handle ?? foreign, foreign),
                4 => () => _registry.SetParent(foreign, mine?.Handle ?? ResourceHandle.Null),
                5 => () => _registry.MarkInUse(foreign, 1),
                6 => () => _registry.ChildrenOf(foreign),
                7 => () => _registry.GetBlockers(foreign, new List<Blocker>()),
                _ => () => _registry.StateOf(foreign),
            };
            var error = Assert.Throws<ForeignHandleException>(call);
            Assert.Contains("another registry", error.Message);
            Assert.True(_other.IsAlive(foreign), "the foreign registry's resource is untouched");
        }

        private void RetryOrAbandon(Op op)
        {
            var faulted = Alive.Where(n => n.Faulted).ToList();
            if (faulted.Count == 0)
            {
                var any = Pick(op.A);
                if (any is not null)
                {
                    Assert.Throws<InvalidOperationException>(() => _registry.RetryDestroy(any.Handle));
                }

                return;
            }

            var node = faulted[op.A % faulted.Count];
            if (op.Kind == OpKind.Retry)
            {
                _registry.RetryDestroy(node.Handle);
                node.Faulted = false;
            }
            else if (IsHeld(node))
            {
                var error = Assert.Throws<InvalidOperationException>(() => _registry.Abandon(node.Handle));
                Assert.Contains("begun on other threads", error.Message);
            }
            else
            {
                _registry.Abandon(node.Handle);
                node.Alive = false;
                Assert.False(_registry.IsAlive(node.Handle));
            }
        }

        private void Update()
        {
            JoinEnded();
            ApplyQueuedRequests();
            _requestedThisUpdate.Clear();
            var aliveBefore = Alive.ToList();
            _destroyedThisUpdate = 0;
            _faultedThisUpdate = 0;
            _registry.Update(_completed);
            _reentry = null;
            CheckFrameCounters();

            foreach (var node in aliveBefore)
            {
                if (!node.Alive)
                {
                    Assert.NotEqual((DestroyMode)0, node.Requested);
                }
            }

            // Progress: nothing that could go stayed (requests made by callbacks during the update wait for the next).
            foreach (var node in Alive)
            {
                if (node.Requested != 0 && !node.Faulted && !_requestedThisUpdate.Contains(node))
                {
                    bool childless = !Alive.Any(n => n.Parent == node || n.DependsOn.Contains(node)) && !IsHeld(node);
                    Assert.False(childless && node.LastUse <= _completed && !_broken.Contains(node.Id),
                        $"{Describe(node)} was ready but not destroyed (registry: {_registry.StateOf(node.Handle)}, {_registry.ChildCount(node.Handle)} children, in flight {_inFlight.Count}, ended {_ended.Count}, lastUse {node.LastUse} completed {_completed}, broken {_broken.Contains(node.Id)}, fault {_registry.GetInfo(node.Handle).FaultMessage})");
                }
            }
        }

        /// <summary>
        /// Applies other threads' queued requests as the registry does at an update: block marks one node, cascade its
        /// subtree as it is then, minus explicit-release nodes (and what they own): those follow only their own requests.
        /// </summary>
        private void ApplyQueuedRequests()
        {
            foreach (var node in Alive.Where(n => n.Queued != 0).ToList())
            {
                Record(node, node.Queued);
                node.Queued = 0;
            }
        }

        private void MarkCascade(Node node, Node root)
        {
            if (node != root && node.Explicit)
            {
                return;
            }

            if (node != root && node.Requested == DestroyMode.Cascade)
            {
                return;
            }

            node.Requested = DestroyMode.Cascade;
            _requestedThisUpdate.Add(node);
            foreach (var child in Alive.Where(n => n.Parent == node).ToList())
            {
                MarkCascade(child, root);
            }
        }

        private void Destroyed(int id, int? contextId)
        {
            var node = _nodes[id];
            Assert.True(node.Alive, $"{Describe(node)} destroyed twice");
            Assert.False(Alive.Any(n => n.Parent == node), $"{Describe(node)} destroyed while a child lives");
            Assert.False(IsHeld(node), $"{Describe(node)} destroyed while a creation on another thread holds it");
            Assert.False(Alive.Any(n => n != node && n.DependsOn.Contains(node)), $"{Describe(node)} destroyed while a dependent lives");
            Assert.True(node.LastUse <= _completed || _shuttingDown, $"{Describe(node)} destroyed while the GPU uses it");
            if (node.Kind == Kind.Device)
            {
                Assert.Equal(NearestOf(node.Parent, Kind.Root)!.Id, contextId);
            }
            else if (node.Kind == Kind.Buffer)
            {
                Assert.Equal(NearestOf(node.Parent, Kind.Device)!.Id, contextId);
            }

            if (_reentry is { } reentry && !_shuttingDown)
            {
                _reentry = null;
                Reenter(reentry, node);
            }

            if (_broken.Contains(id))
            {
                node.Faulted = true;
                _faultedThisUpdate++;
                throw new InvalidOperationException($"cannot destroy n{id}");
            }

            node.DestroyCalls++;
            node.Alive = false;
            _destroyedThisUpdate++;
        }

        /// <summary>The frame the update just recorded: what the model saw it create (since the previous update),
        /// destroy and fault, and what it left in each state.</summary>
        private void CheckFrameCounters()
        {
            int read = _frameCounters.Read(_frameRead);
            if (!_baselineSet)
            {
                Assert.Equal(0, read); // the first update after the feed opened sets the baseline
                _baselineSet = true;
            }
            else
            {
                Assert.Equal(1, read);
                var frame = _frameRead[0];
                Assert.Equal(_registry.Frame, frame.Frame);
                Assert.Equal((_createdSinceUpdate, _destroyedThisUpdate, _faultedThisUpdate), (frame.Created, frame.Destroyed, frame.Faulted));
                Assert.Equal(_registry.Count, frame.Resources);
                Assert.Equal(
                    (_registry.CountByState(ResourceState.Pending), _registry.CountByState(ResourceState.Blocked), _registry.CountByState(ResourceState.WaitingForGpu)),
                    (frame.Pending, frame.Blocked, frame.WaitingForGpu));
            }

            _createdSinceUpdate = 0;
        }

        private bool _shuttingDown;

        private void Shutdown()
        {
            // The shutdown waits for creations in progress: complete them, as their loader threads would.
            while (_inFlight.Count > 0)
            {
                EndCreation(new Op(OpKind.EndCreationOnOtherThread, 0, 1));
            }

            JoinEnded();
            _shuttingDown = true;
            _reentry = null;
            ApplyQueuedRequests(); // requests still queued count as releases
            foreach (var n in Alive)
            {
                n.Faulted = false;
            }

            var released = Alive.Where(n => n.Requested != 0 || n.Queued != 0).Select(n => n.Handle).ToHashSet();
            var neverReleased = Alive.Where(n => n.Requested == 0 && n.Queued == 0).Select(n => n.Handle).OrderBy(h => h.Id).ToList();
            var report = _registry.Shutdown();

            var extra = report.Leaks.Select(l => l.Handle).Except(neverReleased).ToList();
            Assert.True(extra.Count == 0, "leaks the model did not expect: " + string.Join("; ", extra.Select(h => $"{h}: " + string.Join(",", _nodes.Where(n => n.Handle == h).Select(n => $"{Describe(n)} alive={n.Alive} req={n.Requested} q={n.Queued} parent={Describe(n.Parent)}")))));
            Assert.Equal(neverReleased, report.Leaks.Select(l => l.Handle).ToList());
            Assert.DoesNotContain(report.Leaks, l => released.Contains(l.Handle));
            var left = Alive.ToList();
            Assert.Equal(left.Count, report.NotDestroyed.Count);
            foreach (var n in left)
            {
                // Something that has to go before it (a descendant, or a dependent, transitively) kept failing.
                Assert.True(left.Any(d => _broken.Contains(d.Id) && MustPrecede(d, n)), $"{Describe(n)} survived shutdown without a broken descendant or dependent: {string.Join("; ", report.NotDestroyed.Select(i => i.Describe() + " " + i.State + " " + i.FaultMessage))}");
            }

            Assert.All(_nodes, n => Assert.True(n.DestroyCalls <= 1));
        }

        private void CheckAgreement()
        {
            Assert.Equal(Alive.Count(), _registry.Count);
            foreach (var node in _nodes)
            {
                Assert.Equal(node.Alive, _registry.IsAlive(node.Handle));
                if (!node.Alive)
                {
                    Assert.Throws<StaleHandleException>(() => _registry.GetInfo(node.Handle));
                    continue;
                }

                Assert.Equal(node.Parent?.Handle ?? ResourceHandle.Null, _registry.ParentOf(node.Handle));
                // Deferred cascades included, read without expanding them (which GetInfo would do).
                var requested = _registry.RequestedModeAsActedOn(node.Handle.Entity);
                Assert.True(requested == node.Requested, $"after {_lastOp}: {Describe(node)} is requested as {requested}, the model says {node.Requested}; {Chain(node)}");
                var state = _registry.StateOf(node.Handle);
                Assert.Equal(node.Faulted, state == ResourceState.Faulted);
                Assert.Equal(!IsClosing(node), state == ResourceState.Alive);
                var children = new List<ResourceHandle>();
                foreach (var child in _registry.ChildrenOf(node.Handle))
                {
                    children.Add(child);
                }

                Assert.Equal(Alive.Where(n => n.Parent == node).OrderBy(n => n.AttachOrder).Select(n => n.Handle), children);
            }
        }

        private void AddDependency(Node? dependent, Node? dependency)
        {
            if (dependent is null || dependency is null)
            {
                return;
            }

            bool cycle = dependent == dependency || MustPrecede(dependency, dependent);
            bool closing = RejectsNewChildren(dependency);
            try
            {
                bool added = _registry.AddDependency(dependent.Handle, dependency.Handle);
                Assert.False(cycle || closing, $"{Describe(dependent)} depending on {Describe(dependency)} must be rejected");
                Assert.Equal(!dependent.DependsOn.Contains(dependency), added);
                dependent.DependsOn.Add(dependency);
            }
            catch (ResourceHierarchyException)
            {
                Assert.True(cycle || closing, $"{Describe(dependent)} depending on {Describe(dependency)} was rejected without reason");
            }

            Assert.Equal(dependent.DependsOn.Select(d => d.Handle).OrderBy(h => h.Id), _registry.DependenciesOf(dependent.Handle).OrderBy(h => h.Id));
        }

        private void RemoveDependency(Op op)
        {
            var withEdges = Alive.Where(n => n.DependsOn.Count > 0).ToList();
            if (withEdges.Count == 0)
            {
                return;
            }

            var dependent = withEdges[op.A % withEdges.Count];
            var dependency = dependent.DependsOn.ElementAt(op.B % dependent.DependsOn.Count);
            Assert.True(_registry.RemoveDependency(dependent.Handle, dependency.Handle));
            dependent.DependsOn.Remove(dependency);
            Assert.False(_registry.RemoveDependency(dependent.Handle, dependency.Handle));
        }

        /// <summary>Whether <paramref name="first"/> already has to go before <paramref name="then"/>: following
        /// parent and dependency edges of live nodes from it reaches <paramref name="then"/>.</summary>
        private bool MustPrecede(Node first, Node then)
        {
            var seen = new HashSet<Node>();
            var stack = new Stack<Node>();
            stack.Push(first);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                if (node == then)
                {
                    return true;
                }

                if (!seen.Add(node))
                {
                    continue;
                }

                if (node.Parent is { } parent)
                {
                    stack.Push(parent);
                }

                foreach (var dependency in node.DependsOn.Where(d => d.Alive))
                {
                    stack.Push(dependency);
                }
            }

            return false;
        }

        /// <summary>Destruction requested (recorded, or queued by another thread): reads as not alive.</summary>
        private static bool IsClosing(Node node) => node.Requested != 0 || node.Queued != 0;

        /// <summary>Closing, or under an ancestor whose cascade another thread queued and the update has not applied:
        /// the cascade will take the subtree as it is then, so nothing may join it.</summary>
        private static bool RejectsNewChildren(Node node)
        {
            if (IsClosing(node))
            {
                return true;
            }

            for (var a = node.Parent; a is not null; a = a.Parent)
            {
                if (a.Queued == DestroyMode.Cascade && a.Requested != DestroyMode.Cascade)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A destroy callback calls back into the registry. Reads and RequestDestroy / MarkInUse / SetSizeBytes work;
        /// every other call throws naming the resource whose callback runs, and changes nothing.
        /// </summary>
        private void Reenter(Op op, Node running)
        {
            var target = Alive.Where(n => n != running).ElementAtOrDefault(op.B % Math.Max(1, Alive.Count() - 1));
            Action? refused = (op.A % 16) switch
            {
                0 => () => _registry.Update(_completed),
                1 => () => _registry.Update(),
                2 => () => _registry.Shutdown(),
                3 => () => _registry.Dispose(),
                4 => () => _registry.Create(new Scope { Id = -4 }),
                5 => target is null ? null : () => _registry.SetParent(target.Handle, ResourceHandle.Null),
                6 => target is null ? null : () => _registry.RetryDestroy(target.Handle),
                7 => target is null ? null : () => _registry.Abandon(target.Handle),
                8 => () => _registry.RegisterKind<Scope>("Scope again"),
                9 => () => _registry.Reserve<Scope>(8),
                _ => null,
            };
            if (refused is not null)
            {
                int count = _registry.Count;
                var error = Assert.Throws<InvalidOperationException>(refused);
                Assert.Contains($"\"{running.Name ?? $"n{running.Id}"}\"", error.Message);
                Assert.Equal(count, _registry.Count);
                return;
            }

            Assert.True(_registry.IsAlive(running.Handle), "a resource is alive while its callback runs");
            Assert.Equal(0, _registry.ChildCount(running.Handle));
            Assert.Equal(1, _registry.SubtreeSize(running.Handle));
            Assert.NotEqual(ResourceState.Alive, _registry.GetInfo(running.Handle).State);
            if (target is null)
            {
                return;
            }

            switch (op.A % 16)
            {
                case 10:
                case 11:
                    var mode = op.A % 16 == 10 ? DestroyMode.Block : DestroyMode.Cascade;
                    var expected = target.Requested >= mode ? DestroyRequestResult.AlreadyPending : DestroyRequestResult.Queued;
                    Assert.Equal(expected, _registry.RequestDestroy(target.Handle, mode));
                    Record(target, mode);
                    break;
                case 12:
                    ulong value = ++_submitted;
                    _registry.MarkInUse(target.Handle, value);
                    target.LastUse = Math.Max(target.LastUse, value);
                    break;
                case 13:
                    _registry.SetSizeBytes(target.Handle, 4096);
                    Assert.Equal(4096, _registry.GetInfo(target.Handle).SizeBytes);
                    break;
                case 14:
                    var blockers = new List<Blocker>();
                    _registry.GetBlockers(target.Handle, blockers);
                    Assert.All(blockers, b => Assert.True(_registry.IsAlive(b.Resource)));
                    break;
                default:
                    Assert.Equal(target.Parent?.Handle ?? ResourceHandle.Null, _registry.ParentOf(target.Handle));
                    int live = 0;
                    foreach (var unused in _registry.Resources)
                    {
                        live++;
                    }

                    Assert.Equal(Alive.Count(), live);
                    break;
            }
        }

        private static Node? NearestOf(Node? start, Kind kind)
        {
            for (var n = start; n is not null; n = n.Parent)
            {
                if (n.Kind == kind)
                {
                    return n;
                }
            }

            return null;
        }

        private static bool IsSelfOrAncestor(Node ancestor, Node node)
        {
            for (Node? n = node; n is not null; n = n.Parent)
            {
                if (n == ancestor)
                {
                    return true;
                }
            }

            return false;
        }

        private IEnumerable<Node> Subtree(Node root) =>
            new[] { root }.Concat(Alive.Where(n => n.Parent == root).SelectMany(Subtree));

        private static string Describe(Node? node) => node is null ? "no parent" : $"{node.Kind} n{node.Id}";

        private string Chain(Node? node)
        {
            var parts = new List<string>();
            for (var n = node; n is not null; n = n.Parent)
            {
                parts.Add($"n{n.Id}[model req={n.Requested} q={n.Queued} expl={n.Explicit} faulted={n.Faulted} | reg {_registry.StateOf(n.Handle)}]");
            }

            return string.Join(" <- ", parts);
        }
    }
}
