using CsCheck;
using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>
/// Random operation sequences run against the registry and against a plain reference model of the forest. After
/// every operation the registry must agree with the model; destroy callbacks check, when they run, that the resource
/// has no live descendant and that the context they got is the true nearest device ancestor. CsCheck shrinks a
/// failing sequence and prints it.
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
        (6, Gen.Const(OpKind.Update)))
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
        private readonly List<Node> _nodes = new();
        private readonly HashSet<int> _broken = new();
        private ulong _completed;
        private ulong _submitted;

        public ModelRun()
        {
            _registry.RegisterKind<Root>("Root", (ref Root p) => Destroyed(p.Id, null));
            _registry.RegisterKind<Device, Root>("Device", (ref Device p, ref Root r) => Destroyed(p.Id, r.Id));
            _registry.RegisterKind<Scope>("Scope", (ref Scope p) => Destroyed(p.Id, null));
            _registry.RegisterKind<Buffer, Device>("Buffer", (ref Buffer p, ref Device d) => Destroyed(p.Id, d.Id));
        }

        private enum Kind
        {
            Root,
            Device,
            Scope,
            Buffer,
        }

        private sealed class Node
        {
            public required int Id;
            public required Kind Kind;
            public required ResourceHandle Handle;
            public Node? Parent;
            public bool Alive = true;
            public bool Explicit;
            public DestroyMode Requested;
            public DestroyMode Queued;
            public ulong LastUse;
            public bool Faulted;
            public int DestroyCalls;
        }

        public void Run(Op[] ops)
        {
            try
            {
                foreach (var op in ops)
                {
                    Apply(op);
                    CheckAgreement();
                }

                Shutdown();
            }
            finally
            {
                _registry.Dispose();
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
            }
        }

        private void Create(Kind kind, Node? parent, bool explicitRelease)
        {
            int id = _nodes.Count;
            var flags = explicitRelease ? ResourceFlags.ExplicitRelease : ResourceFlags.None;
            var parentHandle = parent?.Handle ?? ResourceHandle.Null;
            bool parentClosing = parent is not null && parent.Requested != 0 && !IsQueuedOnly(parent);
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
                _nodes.Add(new Node { Id = id, Kind = kind, Handle = handle, Parent = parent, Explicit = explicitRelease });
            }
            catch (ResourceHierarchyException)
            {
                Assert.True(contextMissing || parentClosing, $"creating {kind} under {Describe(parent)} was rejected without reason");
            }
        }

        private void Reparent(Node? child, Node? parent)
        {
            if (child is null)
            {
                return;
            }

            bool cycle = parent is not null && IsSelfOrAncestor(child, parent);
            bool closing = parent is not null && parent.Requested != 0 && !IsQueuedOnly(parent);
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
                child.Parent = parent;
                if (oldParent is not null && oldParent.Requested != 0 && !IsQueuedOnly(oldParent))
                {
                    // A blocked parent whose last child moved away is retried at the next update: nothing to model.
                }
            }
            catch (ResourceHierarchyException)
            {
                Assert.True(cycle || closing || contextLost, $"move of {Describe(child)} under {Describe(parent)} was rejected without reason");
                Assert.Equal(oldParent?.Handle ?? ResourceHandle.Null, _registry.ParentOf(child.Handle));
            }
        }

        private void Request(Node? node, DestroyMode mode)
        {
            if (node is null)
            {
                return;
            }

            var expected = node.Requested >= mode || node.Queued >= mode ? DestroyRequestResult.AlreadyPending : DestroyRequestResult.Queued;
            Assert.Equal(expected, _registry.RequestDestroy(node.Handle, mode));
            if (node.Queued < mode)
            {
                node.Queued = mode;
            }
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
            else
            {
                _registry.Abandon(node.Handle);
                node.Alive = false;
                Assert.False(_registry.IsAlive(node.Handle));
            }
        }

        private void Update()
        {
            ApplyQueuedRequests();
            var aliveBefore = Alive.ToList();
            _registry.Update(_completed);

            foreach (var node in aliveBefore)
            {
                if (!node.Alive)
                {
                    Assert.NotEqual((DestroyMode)0, node.Requested);
                }
            }

            // Progress: nothing that could go stayed.
            foreach (var node in Alive)
            {
                if (node.Requested != 0 && !node.Faulted)
                {
                    bool childless = !Alive.Any(n => n.Parent == node);
                    Assert.False(childless && node.LastUse <= _completed && !_broken.Contains(node.Id),
                        $"{Describe(node)} was ready but not destroyed");
                }
            }
        }

        /// <summary>
        /// Applies queued requests as the registry does at an update: block marks one node, cascade its subtree as it
        /// is now, minus explicit-release nodes (and what they own): those follow only their own requests.
        /// </summary>
        private void ApplyQueuedRequests()
        {
            foreach (var node in Alive.Where(n => n.Queued != 0).ToList())
            {
                if (node.Queued == DestroyMode.Cascade)
                {
                    MarkCascade(node, node);
                }
                else if (node.Requested == 0)
                {
                    node.Requested = DestroyMode.Block;
                }

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
            Assert.True(node.LastUse <= _completed || _shuttingDown, $"{Describe(node)} destroyed while the GPU uses it");
            if (node.Kind == Kind.Device)
            {
                Assert.Equal(NearestOf(node.Parent, Kind.Root)!.Id, contextId);
            }
            else if (node.Kind == Kind.Buffer)
            {
                Assert.Equal(NearestOf(node.Parent, Kind.Device)!.Id, contextId);
            }

            if (_broken.Contains(id))
            {
                node.Faulted = true;
                throw new InvalidOperationException($"cannot destroy n{id}");
            }

            node.DestroyCalls++;
            node.Alive = false;
        }

        private bool _shuttingDown;

        private void Shutdown()
        {
            _shuttingDown = true;
            ApplyQueuedRequests(); // requests still queued count as releases
            foreach (var n in Alive)
            {
                n.Faulted = false;
            }

            var released = Alive.Where(n => n.Requested != 0 || n.Queued != 0).Select(n => n.Handle).ToHashSet();
            var neverReleased = Alive.Where(n => n.Requested == 0 && n.Queued == 0).Select(n => n.Handle).OrderBy(h => h.Id).ToList();
            var report = _registry.Shutdown();

            Assert.Equal(neverReleased, report.Leaks.Select(l => l.Handle).ToList());
            Assert.DoesNotContain(report.Leaks, l => released.Contains(l.Handle));
            var left = Alive.ToList();
            Assert.Equal(left.Count, report.NotDestroyed.Count);
            foreach (var n in left)
            {
                Assert.True(Subtree(n).Any(d => _broken.Contains(d.Id)), $"{Describe(n)} survived shutdown without a broken descendant");
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
                Assert.Equal(node.Faulted, _registry.StateOf(node.Handle) == ResourceState.Faulted);
            }
        }

        private bool IsQueuedOnly(Node node) => false;

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
    }
}
