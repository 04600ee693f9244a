using BenchmarkDotNet.Attributes;

namespace Engine.Bench.Running;

[AttributeUsage(AttributeTargets.Class)]
public sealed class BytesPerResourceColumnAttribute : ColumnConfigBaseAttribute
{
    public BytesPerResourceColumnAttribute()
        : base(new BytesPerResourceColumn())
    {
    }
}
