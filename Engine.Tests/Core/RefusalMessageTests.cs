using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>
/// Every refusal is one line that starts with the call that was refused and names the resource or argument at fault,
/// and a refused call changes nothing.
/// </summary>
public class RefusalMessageTests
{
    public static TheoryData<string> Refusals => new()
    {
        "Create under a closing parent", "EnsureCanCreate under a closing parent", "Create without its context",
        "SetParent into its own subtree", "SetParent onto itself", "SetParent under a closing parent",
        "AddDependency on itself", "AddDependency on a closing resource", "RequestDestroy with no mode",
        "RetryDestroy of a live resource", "Abandon of a live resource", "SetSizeBytes beyond 1 TiB",
        "Get with another payload type", "Complete twice",
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_refusal_names_the_call_and_the_resource_and_changes_nothing(string refusal)
    {
        var (registry, log) = DestroyLog.Create();
        using var _r = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 }, name: "vulkan");
        var device = registry.Create(new DevicePayload { Native = 2 }, instance, "gpu");
        var scope = registry.Create(new ScopePayload(), device, "frame");
        var buffer = registry.Create(new BufferPayload { Native = 3 }, scope, "vertices");
        var closing = registry.Create(new ScopePayload(), device, "closing");
        registry.RequestDestroy(closing);
        var creation = registry.BeginCreate<BufferPayload>(device, "streamed");
        creation.Complete(new BufferPayload { Native = 4 });
        string before = State(registry, instance);

        Exception error = Assert.ThrowsAny<Exception>(() =>
        {
            switch (refusal)
            {
                case "Create under a closing parent": registry.Create(new BufferPayload(), closing, "late"); break;
                case "EnsureCanCreate under a closing parent": registry.EnsureCanCreate<BufferPayload>(closing, "late"); break;
                case "Create without its context": registry.Create(new BufferPayload(), name: "orphan"); break;
                case "SetParent into its own subtree": registry.SetParent(device, buffer); break;
                case "SetParent onto itself": registry.SetParent(scope, scope); break;
                case "SetParent under a closing parent": registry.SetParent(buffer, closing); break;
                case "AddDependency on itself": registry.AddDependency(scope, scope); break;
                case "AddDependency on a closing resource": registry.AddDependency(scope, closing); break;
                case "RequestDestroy with no mode": registry.RequestDestroy(buffer, (DestroyMode)7); break;
                case "RetryDestroy of a live resource": registry.RetryDestroy(buffer); break;
                case "Abandon of a live resource": registry.Abandon(buffer); break;
                case "SetSizeBytes beyond 1 TiB": registry.SetSizeBytes(buffer, ResourceRegistry.MaxSizeBytes + 1); break;
                case "Get with another payload type": registry.Get(new ResourceHandle<ImagePayload>(buffer.Untyped)); break;
                default: creation.Complete(new BufferPayload { Native = 5 }); break;
            }
        });

        // The framework adds the actual value of an out-of-range argument on a line of its own; the text before is ours.
        string message = error is ArgumentOutOfRangeException { ActualValue: not null } ? error.Message.Split('\n')[0] : error.Message;
        string call = refusal.Split(' ')[0];
        Assert.StartsWith(call == "Get" ? "Get<ImagePayload>: " : $"{call}: ", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
        Assert.Matches(Named(refusal), message);
        Assert.Equal(before, State(registry, instance));
        registry.Update(); // what was asked before the refusal still goes as asked: the closing scope, the join
        Assert.Empty(log.Events);
        Assert.False(registry.IsAlive(closing));
        Assert.True(registry.IsAlive(creation.Handle));
    }

    /// <summary>What the message must name: the resource at fault, or the argument.</summary>
    private static string Named(string refusal) => refusal switch
    {
        "Create under a closing parent" or "EnsureCanCreate under a closing parent" => "Buffer \"late\" under Scope \"closing\" #4v1",
        "Create without its context" => "Buffer \"orphan\"",
        "SetParent into its own subtree" => "Device \"gpu\" #1v1 under Buffer \"vertices\" #3v1",
        "SetParent onto itself" or "AddDependency on itself" => "Scope \"frame\" #2v1",
        "SetParent under a closing parent" => "Buffer \"vertices\" #3v1 under Scope \"closing\" #4v1",
        "AddDependency on a closing resource" => "Scope \"frame\" #2v1 cannot depend on Scope \"closing\" #4v1",
        "RequestDestroy with no mode" => "mode",
        "SetSizeBytes beyond 1 TiB" => "Buffer \"vertices\" #3v1.*bytes",
        "Get with another payload type" => "Buffer \"vertices\" #3v1",
        "Complete twice" => "\"streamed\"",
        _ => "Buffer \"vertices\" #3v1", // RetryDestroy, Abandon
    };

    private static string State(ResourceRegistry registry, ResourceHandle root)
    {
        var lines = new List<string>();
        foreach (ResourceHandle handle in registry.Resources)
        {
            var info = registry.GetInfo(handle);
            lines.Add($"{info.Describe()} under {info.Parent} {info.State} size {info.SizeBytes} deps {registry.DependenciesOf(handle).Count}");
        }

        return $"{registry.Count} resources in frame {registry.Frame}; {string.Join("; ", lines)}; root subtree {registry.SubtreeSize(root)}";
    }
}
