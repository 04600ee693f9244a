using System.Globalization;
using Engine.Analysis;
using Engine.Resources;
using Engine.Resources.Snapshots;

namespace Engine.Inspector.Live;

/// <summary>
/// The page's search syntax, answered on the server: words separated by spaces, case-insensitive; <c>kind:X</c> keeps
/// the kinds containing X, <c>state:X</c> the states starting with X, every other word must appear in the resource's
/// label or its state.
/// </summary>
internal sealed class ForestQuery
{
    private readonly string? _kind;
    private readonly string? _state;
    private readonly List<string> _words = [];
    private char[] _label = new char[ResourceLabels.MaxNameChars * 2];

    public ForestQuery(string text)
    {
        foreach (string part in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("kind:", StringComparison.OrdinalIgnoreCase))
            {
                _kind = part[5..];
            }
            else if (part.StartsWith("state:", StringComparison.OrdinalIgnoreCase))
            {
                _state = part[6..];
            }
            else
            {
                _words.Add(part);
            }
        }
    }

    public bool Matches(in SnapshotRecord record)
    {
        if (_kind is not null && !record.Kind.Contains(_kind, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string state = ResourceStates.Token(record.State);
        if (_state is not null && !state.StartsWith(_state, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (_words.Count == 0)
        {
            return true;
        }

        // Only for records the cheap filters kept, and without a string per record: a search spans ten million.
        ReadOnlySpan<char> label = Label(record);
        foreach (string word in _words)
        {
            if (!label.Contains(word, StringComparison.OrdinalIgnoreCase) && !state.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The label the search reads, as a string (for tests: it must be <see cref="BlockerAnalysis.Identity"/>).</summary>
    public string LabelText(in SnapshotRecord record) => Label(record).ToString();

    /// <summary>The record's label (<see cref="BlockerAnalysis.Identity"/>), written into a reused buffer when kind and
    /// name need no escaping and no cut (then the label is exactly <c>KIND "NAME" #IDvVERSION</c>), else built.</summary>
    private ReadOnlySpan<char> Label(in SnapshotRecord record)
    {
        string? name = record.Name;
        if (name is not null && name.Length <= ResourceLabels.MaxNameChars && record.Kind.Length <= ResourceLabels.MaxNameChars
            && ReferenceEquals(ResourceLabels.Escape(name), name) && ReferenceEquals(ResourceLabels.Escape(record.Kind), record.Kind))
        {
            int needed = record.Kind.Length + name.Length + 32;
            if (_label.Length < needed)
            {
                _label = new char[needed];
            }

            if (_label.AsSpan().TryWrite(CultureInfo.InvariantCulture, $"{record.Kind} \"{name}\" #{record.Handle.Id}v{record.Handle.Version}", out int written))
            {
                return _label.AsSpan(0, written);
            }
        }

        return BlockerAnalysis.Identity(record);
    }
}
