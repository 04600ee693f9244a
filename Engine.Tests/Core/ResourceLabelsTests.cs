using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>One label formatter; hostile names cannot reach a terminal raw or forge a line.</summary>
public class ResourceLabelsTests
{
    [Theory]
    [InlineData("vertices", "Buffer \"vertices\" #3v2")]
    [InlineData("say \"hi\"", "Buffer \"say \\\"hi\\\"\" #3v2")]
    [InlineData("a\\b", "Buffer \"a\\\\b\" #3v2")]
    [InlineData("line\nBuffer \"forged\" #9v9", "Buffer \"line\\nBuffer \\\"forged\\\" #9v9\" #3v2")]
    [InlineData("\u001b[2J\u001b]0;pwned\u0007", "Buffer \"\\u001B[2J\\u001B]0;pwned\\u0007\" #3v2")]
    [InlineData("tab\there\r", "Buffer \"tab\\there\\r\" #3v2")]
    [InlineData("evil\u202Etxt.exe", "Buffer \"evil\\u202Etxt.exe\" #3v2")]
    [InlineData("c1\u009Bcsi", "Buffer \"c1\\u009Bcsi\" #3v2")]
    [InlineData("sep\u2028para\u2029", "Buffer \"sep\\u2028para\\u2029\" #3v2")]
    [InlineData("héllo wörld ✓ 日本", "Buffer \"héllo wörld ✓ 日本\" #3v2")]
    public void Names_are_quoted_and_escaped(string name, string expected)
    {
        string label = ResourceLabels.Format("Buffer", name, 3, 2);
        Assert.Equal(expected, label);
        Assert.DoesNotContain(label, c => char.IsControl(c));
    }

    [Fact]
    public void An_unnamed_resource_has_no_quotes_and_safe_text_is_not_copied()
    {
        Assert.Equal("Device #1v1", ResourceLabels.Format("Device", null, 1, 1));
        const string plain = "plain name";
        Assert.Same(plain, ResourceLabels.Escape(plain));
    }

    [Fact]
    public void Registry_errors_logs_and_reports_use_the_same_label()
    {
        var registry = PlainRegistry.Create();
        var scope = registry.Create(new ScopePayload(), name: "bad\nname");
        string label = registry.Describe(scope);
        Assert.Equal("ScopePayload \"bad\\nname\" #0v1", label);
        Assert.Equal(label, registry.GetInfo(scope).Describe());
        Assert.Equal(label, registry.PathOf(scope));
        var report = registry.Shutdown();
        Assert.Equal(label, report.Leaks[0].Label);
        Assert.Equal(label, report.Leaks[0].Path.ToString());
    }

    [Fact]
    public void A_long_name_is_cut_with_the_count_of_what_was_left_out()
    {
        string label = ResourceLabels.Format("Image", new string('a', 1_000_000), 1, 1);
        Assert.Equal($"Image \"{new string('a', 256)}…\" (+999,744 chars) #1v1", label);

        // Never in the middle of a surrogate pair.
        string emoji = new string('b', 255) + "😀" + "tail";
        Assert.StartsWith($"Image \"{new string('b', 255)}…\" (+6 chars)", ResourceLabels.Format("Image", emoji, 1, 1));
    }
}
