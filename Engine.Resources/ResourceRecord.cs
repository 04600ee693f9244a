using System.Runtime.InteropServices;
using Engine.Resources.Identity;
using Engine.Resources.Lifecycle;
using Engine.Resources.Ownership;

namespace Engine.Resources;

/// <summary>
/// The hot data of every resource, in one id-indexed record of 40 bytes instead of parallel components: destroying or
/// walking a resource touches one record, which is what keeps an aged forest (slots scattered by hours of churn) from
/// paying a cache miss per array. Cold data (names, sizes, creation frames) lives in side arrays; the payload in its
/// kind's column. Each part keeps one writer: <see cref="Links"/> the <see cref="Hierarchy"/>, <see cref="Lifecycle"/>
/// the <see cref="ResourceLifecycle"/>, <see cref="Meta"/> the <see cref="ResourceIdentity"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct ResourceRecord
{
    public Links Links;
    public LifecycleRecord Lifecycle;
    public ResourceMeta Meta;
}
