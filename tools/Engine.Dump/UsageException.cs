namespace Engine.Dump;

/// <summary>Arguments that parse but make no sense; reported as one line with exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
