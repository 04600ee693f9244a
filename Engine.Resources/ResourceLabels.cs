using System.Globalization;
using System.Text;

namespace Engine.Resources;

/// <summary>
/// The one formatter of a resource's label, <c>Kind "name" #idvN</c>, used by the registry's errors and logs,
/// <see cref="ResourceInfo"/>, <see cref="LeakedResource"/>, <see cref="ResourcePath"/> and the dump tool, so a
/// resource reads the same everywhere. Names come from engine code and assets, so they are escaped: quotes,
/// backslashes, control characters (C0, DEL, C1), line and paragraph separators and invisible format characters
/// (bidirectional overrides) become escapes, and a label is always one line that cannot forge another. A name longer
/// than <see cref="MaxNameChars"/> is cut there, with the number of characters left out, so that a label stays small
/// whatever the engine named the resource.
/// </summary>
public static class ResourceLabels
{
    /// <summary>The most characters of a name a label shows.</summary>
    public const int MaxNameChars = 256;

    /// <summary><c>Kind "name" #idvN</c>, or <c>Kind #idvN</c> for an unnamed resource.</summary>
    public static string Format(string kind, string? name, int id, int version) =>
        name is null
            ? string.Create(CultureInfo.InvariantCulture, $"{Text(kind)} #{id}v{version}")
            : string.Create(CultureInfo.InvariantCulture, $"{Text(kind)} {Quote(name)} #{id}v{version}");

    /// <summary>As <see cref="Format(string, string?, int, int)"/>, for a handle.</summary>
    public static string Format(string kind, string? name, ResourceHandle handle) => Format(kind, name, handle.Id, handle.Version);

    /// <summary>The name between double quotes, escaped, cut after <see cref="MaxNameChars"/> characters.</summary>
    public static string Quote(string name) => "\"" + Text(name, quoted: true);

    /// <summary>
    /// Any untrusted text for one line of output (a kind, a fault message, a file name): escaped as
    /// <see cref="Escape"/> does, cut after <see cref="MaxNameChars"/> characters with the count of what was left out.
    /// </summary>
    public static string Text(string text) => Text(text, quoted: false);

    private static string Text(string text, bool quoted)
    {
        ArgumentNullException.ThrowIfNull(text);
        string close = quoted ? "\"" : string.Empty;
        if (text.Length <= MaxNameChars)
        {
            return Escape(text) + close;
        }

        int keep = char.IsHighSurrogate(text[MaxNameChars - 1]) ? MaxNameChars - 1 : MaxNameChars;
        return string.Create(CultureInfo.InvariantCulture, $"{Escape(text[..keep])}…{close} (+{text.Length - keep:N0} chars)");
    }

    /// <summary>The text with every character that could break a one-line, quoted label escaped
    /// (<c>\"</c>, <c>\\</c>, <c>\n</c>, <c>\u001B</c>...). Returns the same instance when nothing needs escaping.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int first = IndexOfUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        escaped.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '"': escaped.Append("\\\""); break;
                case '\\': escaped.Append("\\\\"); break;
                case '\n': escaped.Append("\\n"); break;
                case '\r': escaped.Append("\\r"); break;
                case '\t': escaped.Append("\\t"); break;
                default:
                    if (NeedsEscape(c))
                    {
                        escaped.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        escaped.Append(c);
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    private static int IndexOfUnsafe(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"' || c == '\\' || NeedsEscape(c))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool NeedsEscape(char c)
    {
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
        {
            return true; // C0 and C1 controls, DEL: terminal escape sequences, forged lines
        }

        if (c < 0x2000)
        {
            return c == '\u00AD' || c == '\u061C' || c == '\u180E';
        }

        // Line and paragraph separators; format characters: zero-width and bidirectional controls, the BOM.
        UnicodeCategory category = char.GetUnicodeCategory(c);
        return category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format;
    }
}
