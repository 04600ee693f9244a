namespace Engine.Dump.Loading;

/// <summary>Maps a phase's 0..1 onto a slice of an overall progress bar.</summary>
public sealed class ScaledProgress(IProgress<double> target, double start, double share) : IProgress<double>
{
    public void Report(double value) => target.Report(start + share * value);
}
