namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>A registered suite left out of the comparison (another platform, or not one of era A's pairs), and why.</summary>
public sealed record NotComparedSuite(string Suite, CiPlatform Platform, int Tests, string Reason);
