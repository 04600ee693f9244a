namespace Engine.Tests.Snapshots;

/// <summary>One fuzz input and how it was made, for failure messages.</summary>
public sealed record MutatedInput(string Description, byte[] Bytes);
