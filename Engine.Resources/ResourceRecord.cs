using Engine.Resources.Identity;
using Engine.Resources.Lifecycle;
using Engine.Resources.Ownership;

namespace Engine.Resources;

/// <summary>
/// What every resource has, in one id-indexed record (64 bytes) instead of parallel components: destroying or
/// walking a resource touches one record, not four arrays, which is what keeps an aged forest (slots scattered by
/// hours of churn) from paying a cache miss per array. Each part has one writer: <see cref="Links"/> the
/// <see cref="Hierarchy"/>, <see cref="Lifecycle"/> the <see cref="ResourceLifecycle"/>, <see cref="Meta"/> the
/// <see cref="ResourceIdentity"/>.
/// </summary>
internal struct ResourceRecord
{
    public Links Links;
    public LifecycleRecord Lifecycle;
    public ResourceMeta Meta;
}
