namespace Engine.Render.Vulkan;

/// <summary>One error or warning from the debug messenger, kept so a failing test can show it.</summary>
public sealed record ValidationMessage(string Severity, string? MessageId, string? Text);
