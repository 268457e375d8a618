namespace SglangCi.Toolkit.Upstream.PrImages;

/// <summary>A changed file that needs a full image rebuild, and the rule that says why.</summary>
public sealed record DependencyChange(string File, DependencyRule Rule);
