namespace Engine.Dump.Loading;

/// <summary>Latest fraction reported by the reader; polled by the progress display on another thread.</summary>
public sealed class ReadProgress : IProgress<double>
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    public void Report(double value) => Volatile.Write(ref _value, value);
}
