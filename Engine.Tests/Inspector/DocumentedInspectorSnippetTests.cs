using Engine.Inspector;
using Engine.Resources;
using Engine.Tests.Core;

namespace Engine.Tests.Inspector;

/// <summary>README's "Live inspection" snippet, compiled and run (DocumentedSnippetTests checks README shows it).</summary>
public class DocumentedInspectorSnippetTests
{
    [Fact]
    public void The_readme_snippet_starts_an_inspector_and_logs_its_address()
    {
        using var registry = new ResourceRegistry();
        (Serilog.ILogger logger, CapturingSink sink) = CapturingSink.Create();

        using var inspector = ResourceInspector.Start(registry, new InspectorOptions { Port = 0 }, logger);
        // logs: inspector: http://127.0.0.1:PORT/#token=…

        Assert.InRange(inspector.Port, 1, 65535);
        string logged = Assert.Single(sink.Events, e => e.MessageTemplate.Text.StartsWith("inspector:", StringComparison.Ordinal)).RenderMessage();
        Assert.StartsWith($"inspector: \"http://127.0.0.1:{inspector.Port}/#token=", logged);
    }
}
