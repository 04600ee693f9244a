namespace Engine.Tests.Snapshots;

/// <summary>Tests whose figures (time, memory) mean something only without other tests running beside them: run
/// alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QuietCollection
{
    public const string Name = "quiet";
}
