namespace SglangCi.Toolkit.History;

/// <summary>The kinds of things the old CI's tree holds that the importer reads; each is reported on its own.</summary>
public static class SeedUnitKind
{
    public const string OnlineFolder = "online result folder";
    public const string BenchmarkCronLog = "benchmark cron log";
    public const string ImageCheckLog = "image check log";
    public const string SanityFolder = "sanity folder";
    public const string PdFolder = "PD folder";
    public const string UnitTestLog = "unit test log";
    public const string CoverageReport = "coverage report";

    /// <summary>In the order the report lists them.</summary>
    public static readonly IReadOnlyList<string> All =
        [OnlineFolder, BenchmarkCronLog, ImageCheckLog, SanityFolder, PdFolder, UnitTestLog, CoverageReport];
}
