using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Engine.Demo;

/// <summary>--help: System.CommandLine's help, as resdump prints it, then what it has no section for.</summary>
internal sealed class DemoHelp(HelpAction standard) : SynchronousCommandLineAction
{
    public const string Description =
        "Renders frames through the resource registry, offscreen or (--window) to an X11 window, with transient resources " +
        "released while the GPU still uses them, and ends with a report: `swapchain recreations: N`, " +
        "`frame time: p50 …, p99 …, max …`, `validation: errors=E warnings=W` and `leaks: L`.";

    public const string ExitCodes = """
        Ctrl-C ends the run after the frame in progress (written as the PNG if one was asked for), with the orderly
        teardown and the full report. With --window, so does the window's close button (exit code as for a run that
        reached its frame count); while the window is minimised no frame renders and the demo sleeps until it is
        restored (no PNG if it ends minimised). Output paths are checked before any Vulkan work.

        Exit codes:
          0  clean
          1  validation messages or leaks (or a Vulkan failure)
          2  bad arguments
          3  no Vulkan driver installed (or, with --window, no X display)
        """;

    // As the standard help: --help next to a bad argument still shows the help.
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        int code = standard.Invoke(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(ExitCodes);
        return code;
    }
}
