namespace SglangCi.Grains.Analysis;

/// <summary>What a replay covers: one hardware (null: all), nights up to <see cref="Through"/> (null: all), and whether it
/// sweeps for change points too (the nightly analysis does not: that is the weekly sweep's job).</summary>
public sealed record ReplayScope(string? Hardware, DateOnly? Through = null, bool ChangePoints = true);
