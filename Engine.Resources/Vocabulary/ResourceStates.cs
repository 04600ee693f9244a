namespace Engine.Resources;

/// <summary>
/// The words for <see cref="ResourceState"/>, everywhere a state is shown or typed: resdump's <c>--state</c>, its text
/// and JSON output, the inspector's JSON and page.
/// </summary>
public static class ResourceStates
{
    /// <summary>Every token, in the order of the states.</summary>
    public static IReadOnlyList<string> Tokens { get; } = ["alive", "pending", "blocked", "waiting", "faulted"];

    /// <summary>The stable token of a state in JSON and on a command line; an unknown value (from a crafted file)
    /// reads <c>state-N</c>.</summary>
    public static string Token(ResourceState state) =>
        (byte)state < Tokens.Count ? Tokens[(byte)state] : $"state-{(byte)state}";

    /// <summary>The state in words for text output: as its token, except "waiting for GPU".</summary>
    public static string Words(ResourceState state) => state switch
    {
        ResourceState.WaitingForGpu => "waiting for GPU",
        _ when (byte)state < Tokens.Count => Tokens[(byte)state],
        _ => $"state {(byte)state}",
    };

    /// <summary>The state a word names (any case; <c>waiting-for-gpu</c> too); false for an unknown word.</summary>
    public static bool TryParse(string text, out ResourceState state)
    {
        string word = text.ToLowerInvariant();
        int at = word is "waiting-for-gpu" or "waitingforgpu" ? (int)ResourceState.WaitingForGpu : IndexOf(word);
        state = (ResourceState)Math.Max(at, 0);
        return at >= 0;
    }

    private static int IndexOf(string token)
    {
        for (int i = 0; i < Tokens.Count; i++)
        {
            if (Tokens[i] == token)
            {
                return i;
            }
        }

        return -1;
    }
}
