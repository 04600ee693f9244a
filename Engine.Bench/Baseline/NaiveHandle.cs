namespace Engine.Bench.Baseline;

/// <summary>A naive handle: an id that is never reused, looked up in a dictionary on every use.</summary>
public readonly record struct NaiveHandle(int Id)
{
    public bool IsNull => Id == 0;
}
