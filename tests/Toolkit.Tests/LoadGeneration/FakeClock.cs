namespace SglangCi.Toolkit.Tests.LoadGeneration;

/// <summary>A clock that advances by a fixed step each time it is read, so stream timings are exact in tests.</summary>
internal sealed class FakeClock(double step)
{
    private int _reads;

    public int Reads => _reads;

    public double Read() => ++_reads * step;
}
