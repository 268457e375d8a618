using SglangCi.Interfaces.Upstream;

namespace SglangCi.Web.ViewModels.Upstream;

/// <summary>One report on the coverage trend: its date (a <see cref="DateTime"/>, as the chart's category axis wants), total coverage and origin.</summary>
public sealed record CoveragePercentPoint(DateTime Date, double Percent, CoverageOrigin Origin);
