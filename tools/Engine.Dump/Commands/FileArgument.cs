using System.CommandLine;

namespace Engine.Dump.Commands;

/// <summary>The snapshot file argument every command takes.</summary>
public static class FileArgument
{
    public static Argument<string> Create(string name = "FILE", string description = "Snapshot file written by the engine (.ressnap).") =>
        new(name) { Description = description };
}
