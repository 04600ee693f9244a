namespace Engine.Dump.Analysis;

/// <summary>Receives a bounded walk of the forest; see <see cref="ForestWalk"/>.</summary>
public interface IForestVisitor
{
    /// <summary>A shown resource; <paramref name="parent"/> is -1 for a root (or was itself shown before).</summary>
    void Node(int index, int depth, int parent);

    /// <summary>Resources left out under <paramref name="parent"/> (-1: roots), summarized in one line.</summary>
    void Elided(int parent, int depth, Elision elision);
}
