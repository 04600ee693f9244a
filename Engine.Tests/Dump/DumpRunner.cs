using Engine.Dump;

namespace Engine.Tests.Dump;

/// <summary>Runs resdump in-process with captured, non-interactive output of a fixed width.</summary>
public static class DumpRunner
{
    public static DumpRun Run(params string[] args) => RunWithDot(dotExecutable: null, args);

    public static DumpRun RunWithDot(string? dotExecutable, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var env = new DumpEnvironment(stdout, stderr, interactive: false, width: 160) { DotExecutable = dotExecutable ?? "dot" };
        int code = DumpApp.Run(args, env);
        return new DumpRun(code, stdout.ToString(), stderr.ToString());
    }
}
