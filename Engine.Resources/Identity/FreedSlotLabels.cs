using Engine.Resources.Ecs;

namespace Engine.Resources.Identity;

/// <summary>
/// What a freed slot still says about the last resource it held, so that a stale handle's error can name it. Nothing
/// is written when a resource is destroyed: its record keeps its payload type id and <see cref="ResourceNames"/> its
/// name until the slot's next resource overwrites both. That is the handle's resource only while the slot's version is
/// one past the handle's; two things can move it on, or change what the type id means, without a resource, and each
/// leaves a marker in the record's type id instead (values no payload type has, see <see cref="ComponentType.MaxTypes"/>).
/// </summary>
internal sealed class FreedSlotLabels
{
    /// <summary>The slot's last version was a creation that was cancelled: no resource was ever made there.</summary>
    private const ushort CancelledCreation = ushort.MaxValue;

    /// <summary>The payload type of the slot's last resource was registered again since: its kind name now is not
    /// the one the resource had.</summary>
    private const ushort KindReplaced = ushort.MaxValue - 1;

    private readonly World _world;
    private readonly ResourceRecords _records;
    private readonly KindTable _kinds;
    private readonly ResourceNames _names;

    public FreedSlotLabels(World world, ResourceRecords records, KindTable kinds, ResourceNames names)
    {
        _world = world;
        _records = records;
        _kinds = kinds;
        _names = names;
    }

    /// <summary>
    /// What became of the resource of a stale handle whose slot was freed once since it was created and not used again
    /// (the caller checks the slot's version): <c>Kind "name" #idvN was destroyed…</c>, or why it cannot be named.
    /// </summary>
    public string DescribeFreedOnce(Entity entity)
    {
        int slot = entity.Id;
        ushort typeId = (uint)slot < (uint)_records.Length ? _records[slot].Meta.TypeId : CancelledCreation;
        return typeId switch
        {
            CancelledCreation => $"resource handle {entity} names a creation that was cancelled (BeginCreate, then Cancel): no resource was ever made with it.",
            KindReplaced => $"resource handle {entity} is stale: its resource was destroyed and its payload type registered again since (RegisterKind), so what it named is no longer known.",
            _ => $"{ResourceLabels.Format(_kinds[typeId].Name, _names[slot], slot, entity.Version)} was destroyed (slot {slot} is free; its next resource gets version {entity.Version + 1}); the handle is stale.",
        };
    }

    /// <summary>A creation begun in <paramref name="slot"/> was cancelled: the slot's version moved on with no
    /// resource, so what the resource before left there must not be read as the cancelled creation's.</summary>
    public void OnCreationCancelled(int slot)
    {
        _records.Reset(slot).Meta.TypeId = CancelledCreation;
        if (_names.AnyNamed)
        {
            _names.Set(slot, null);
        }
    }

    /// <summary>
    /// Payload type <paramref name="typeId"/> was registered again (none of its resources lives): freed slots its
    /// resources left would read under the new kind name, so they are marked instead. One pass over the slots, at a
    /// registration (set-up time), never in a frame.
    /// </summary>
    public void OnKindReplaced(int typeId)
    {
        int end = Math.Min(_world.Capacity, _records.Length);
        for (int slot = 0; slot < end; slot++)
        {
            ref ResourceMeta meta = ref _records[slot].Meta;
            if (meta.TypeId == typeId && !_world.IsSlotAlive(slot))
            {
                meta.TypeId = KindReplaced;
            }
        }
    }
}
