using System.CommandLine;
using System.CommandLine.Invocation;

namespace Engine.Demo;

/// <summary>--version: the program's name and the version resdump and the snapshots' writer report too.</summary>
internal sealed class DemoVersion : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine($"Engine.Demo {Engine.Resources.ResourceRegistry.Version}");
        return Program.ExitClean;
    }
}
