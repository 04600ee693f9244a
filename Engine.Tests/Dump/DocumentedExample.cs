namespace Engine.Tests.Dump;

/// <summary>A <c>$ resdump ...</c> line of the documentation with the output shown under it.</summary>
/// <param name="ExitCode">The code shown by a following <c>$ echo $?</c>, or null when none is shown.</param>
/// <param name="Line">Index of the command line in the document; its output follows for <paramref name="OutputLines"/> lines.</param>
public sealed record DocumentedExample(string Document, string[] Args, string Output, int? ExitCode, int Line = 0, int OutputLines = 0)
{
    public override string ToString() => $"{Document}: resdump {string.Join(' ', Args)}";
}
