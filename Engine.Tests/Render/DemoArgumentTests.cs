using Engine.Demo;

namespace Engine.Tests.Render;

/// <summary>
/// The demo's command line refuses bad input before any Vulkan work: exit code 2, one line that names the argument and
/// what it allows, then the usage line; never a stack trace. (DemoTests covers each option's range.)
/// </summary>
public sealed class DemoArgumentTests
{
    [Theory]
    [InlineData("--frames needs a value", "--frames")]
    [InlineData("--png needs a value", "--png")]
    [InlineData("--log-level needs a value", "--frames", "10", "--log-level")]
    [InlineData("unknown option --bogus (see --help)", "--bogus")]
    [InlineData("unknown option -x (see --help)", "--frames", "10", "-x")]
    [InlineData("unexpected argument 'frames' (see --help)", "frames")]
    [InlineData("unexpected argument 'yes' (see --help)", "--window", "yes")]
    [InlineData("--frames must be a whole number from 0 to 10,000,000; got '-1'", "--inspect", "--frames", "-1")]
    [InlineData("--inspect must be a whole number from 1 to 65,535; got '0'", "--inspect", "0")]
    [InlineData("--inspect must be a whole number from 1 to 65,535; got 'all'", "--inspect", "all")]
    [InlineData("--fps must be a whole number from 1 to 1,000; got '1001'", "--fps", "1001")]
    [InlineData("--frames must be a whole number from 0 to 10,000,000; got '+5'", "--frames", "+5")]
    [InlineData("--frames must be a whole number from 0 to 10,000,000; got '1\\n2'", "--frames", "1\n2")]
    [InlineData("--frames-in-flight must be a whole number from 1 to 16; got '0'", "--frames-in-flight=0")]
    public void Bad_arguments_are_refused_in_one_line_with_exit_code_2(string expected, params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();

        Assert.Equal(Program.ExitUsage, Program.Run(args, output, errors));

        string[] lines = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(expected, lines[0]);
        Assert.StartsWith("usage: Engine.Demo ", lines[1], StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public void An_option_given_twice_is_refused_naming_it()
    {
        var errors = new StringWriter();
        Assert.Equal(Program.ExitUsage, Program.Run(["--frames", "5", "--frames", "6"], new StringWriter(), errors));
        string[] lines = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("--frames", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Version_with_other_arguments_is_refused_as_resdump_refuses_it()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        Assert.Equal(Program.ExitUsage, Program.Run(["--version", "--frames", "3"], output, errors));
        Assert.Contains("--version", errors.ToString().Split('\n')[0], StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public void Help_next_to_a_bad_argument_is_still_the_help()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        Assert.Equal(Program.ExitClean, Program.Run(["--frames", "-1", "-h"], output, errors));
        Assert.Contains("Exit codes:", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, errors.ToString());
    }

    [Fact]
    public void The_usage_line_shows_that_inspect_takes_an_optional_port_and_window_none()
    {
        var errors = new StringWriter();
        Program.Run(["--bogus"], new StringWriter(), errors);
        string usage = errors.ToString().Split('\n')[1];
        Assert.Contains("[--inspect [PORT]]", usage, StringComparison.Ordinal);
        Assert.Contains("[--window]", usage, StringComparison.Ordinal);
        Assert.Contains("[--frames N]", usage, StringComparison.Ordinal);
        Assert.EndsWith("[--version] [--help]", usage.TrimEnd(), StringComparison.Ordinal);
    }
}
