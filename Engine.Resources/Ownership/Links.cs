namespace Engine.Resources.Ownership;

/// <summary>
/// A resource's place in the forest: its parent, its siblings (an intrusive list, so children cost no allocation) and
/// the head of its own child list. Written only by <see cref="Hierarchy"/>, which keeps the two sides of every link
/// consistent. Links hold slot + 1 (0 = none), not versions: a linked resource is always alive (links are removed
/// before a slot is freed), so the world's current version of the slot is its version.
/// <para>
/// A child list runs from <see cref="First"/>, the youngest child, through <see cref="Next"/> to the oldest; a new
/// child is linked at the head, next to the sibling created just before it. <see cref="Previous"/> points the other way
/// and is circular at the head: the youngest child's is the oldest (itself when it is the only one), so the list can be
/// read oldest first, and unlinking any child is O(1), without a last-child field in every record.
/// </para>
/// </summary>
internal struct Links
{
    public int Parent;
    public int Previous;
    public int Next;
    public int First;
    public int ChildCount;
}
