namespace Engine.Dump.Analysis;

/// <summary>Case-insensitive shell-style pattern: <c>*</c> any run, <c>?</c> one character.</summary>
public sealed class Glob(string pattern)
{
    public string Pattern { get; } = pattern;

    public bool IsMatch(string? text) => text is not null && Match(Pattern.AsSpan(), text.AsSpan());

    // Iterative with single-star backtracking: linear in practice, never exponential.
    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
