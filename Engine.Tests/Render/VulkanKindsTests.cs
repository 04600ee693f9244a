using System.Reflection;
using Engine.Render.Payloads;
using Engine.Resources;

namespace Engine.Tests.Render;

/// <summary>
/// A Vulkan kind is declared in its payload's file, but <see cref="VulkanKinds.Register"/> must still list it: a payload
/// left out would be named after its type and removed with no destroy callback, a leak that the validation layer sees
/// only where some test happens to create that kind. No Vulkan needed: the payloads here are default values.
/// </summary>
public sealed class VulkanKindsTests
{
    [Fact]
    public void Every_payload_type_is_a_kind_that_VulkanKinds_registers_under_its_own_name()
    {
        Assembly render = typeof(VulkanKinds).Assembly;
        Type kindInterface = render.GetType("Engine.Render.Payloads.IVulkanKind`1", throwOnError: true)!;
        Type[] payloads = render.GetExportedTypes()
            .Where(t => t.IsValueType && t.Namespace == typeof(VulkanKinds).Namespace)
            .ToArray();
        var registry = new ResourceRegistry();
        VulkanKinds.Register(registry);

        // Every ancestor type a destroy callback asks for is above the bottom of this chain, so any kind can go under it.
        // Nothing here is ever destroyed: default payloads hold no Vulkan object and no API to call.
        var instance = registry.Create(default(InstanceResource));
        var device = registry.Create(default(DeviceResource), instance);
        var commandPool = registry.Create(default(CommandPoolResource), device);
        var bottom = registry.Create(default(DescriptorPoolResource), commandPool);
        MethodInfo probe = typeof(VulkanKindsTests).GetMethod(nameof(KindOf), BindingFlags.NonPublic | BindingFlags.Static)!;

        var kinds = new Dictionary<string, string>();
        foreach (Type payload in payloads)
        {
            Assert.True(kindInterface.MakeGenericType(payload).IsAssignableFrom(payload), $"{payload.Name} does not declare its kind (IVulkanKind)");
            string kind = (string)probe.MakeGenericMethod(payload).Invoke(null, [registry, bottom.Untyped])!;
            Assert.True(kind != payload.Name, $"{payload.Name} is not registered by VulkanKinds.Register");
            Assert.True(kinds.TryAdd(kind, payload.Name), $"{payload.Name} and {kinds.GetValueOrDefault(kind)} share the kind name {kind}");
        }

        Assert.Equal("VkBuffer", kinds.Single(k => k.Value == nameof(BufferResource)).Key);
    }

    [Fact]
    public void The_document_shows_a_kind_file_exactly()
    {
        string root = Core.ReadmeExampleTests.RepositoryRoot();
        string file = File.ReadAllText(Path.Combine(root, "Engine.Render", "Payloads", "SamplerResource.cs")).ReplaceLineEndings("\n");
        string doc = File.ReadAllText(Path.Combine(root, "docs", "vulkan-integration.md")).ReplaceLineEndings("\n");
        const string start = "<!-- kind-example -->\n```csharp\n";
        int from = doc.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, "docs/vulkan-integration.md has no kind example");
        from += start.Length;

        Assert.Equal(file, doc[from..doc.IndexOf("```", from, StringComparison.Ordinal)]);
    }

    /// <summary>The kind name a new <typeparamref name="T"/> under <paramref name="parent"/> is given.</summary>
    private static string KindOf<T>(ResourceRegistry registry, ResourceHandle parent)
        where T : struct =>
        registry.GetInfo(registry.Create(default(T), parent)).Kind;
}
