using Engine.Dump;

namespace Engine.Tests.Dump;

/// <summary>Runs resdump in-process with captured, non-interactive output of a fixed width.</summary>
public static class DumpRunner
{
    public static DumpRun Run(params string[] args) => RunWithDot(dotExecutable: null, args);

    public static DumpRun RunWithDot(string? dotExecutable, params string[] args) => RunCore(dotExecutable, 160, args);

    /// <summary>At the width resdump uses when its output is piped, as in the documentation.</summary>
    public static DumpRun RunPiped(params string[] args) => RunCore(null, 240, args);

    private static DumpRun RunCore(string? dotExecutable, int width, string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var env = new DumpEnvironment(stdout, stderr, interactive: false, width: width) { DotExecutable = dotExecutable ?? "dot" };
        int code = DumpApp.Run(args, env);
        return new DumpRun(code, stdout.ToString(), stderr.ToString());
    }
}
