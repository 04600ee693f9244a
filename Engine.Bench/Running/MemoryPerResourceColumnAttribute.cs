using BenchmarkDotNet.Attributes;

namespace Engine.Bench.Running;

/// <summary>Adds the <see cref="MemoryPerResourceColumn"/> to a benchmark class.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class MemoryPerResourceColumnAttribute : ColumnConfigBaseAttribute
{
    public MemoryPerResourceColumnAttribute()
        : base(new MemoryPerResourceColumn())
    {
    }
}
