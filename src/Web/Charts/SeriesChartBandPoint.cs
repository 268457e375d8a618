namespace SglangCi.Web.Charts;

/// <summary>The range the detector judged a night against (baseline ± the spread multiple): inside it is noise.</summary>
public sealed record SeriesChartBandPoint(DateOnly Night, double Low, double High);
