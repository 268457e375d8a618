namespace SglangCi.Web.ViewModels.Upstream;

/// <summary>One category's test count on one vendor's CI: a column of the per-category chart.</summary>
public sealed record CategoryCount(string Category, int Tests);
