namespace Engine.Tests.Dump;

/// <summary>The outcome of one in-process resdump run.</summary>
public sealed record DumpRun(int ExitCode, string Stdout, string Stderr);
