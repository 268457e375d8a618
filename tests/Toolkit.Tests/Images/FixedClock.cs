namespace SglangCi.Toolkit.Tests.Images;

/// <summary>A clock stopped at one instant, so "today in Los Angeles" is the same on every test machine.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
