using BenchmarkDotNet.Attributes;

namespace Engine.Bench.Running;

[AttributeUsage(AttributeTargets.Class)]
public sealed class PerDestroyedResourceColumnAttribute : ColumnConfigBaseAttribute
{
    public PerDestroyedResourceColumnAttribute()
        : base(new PerDestroyedResourceColumn())
    {
    }
}
