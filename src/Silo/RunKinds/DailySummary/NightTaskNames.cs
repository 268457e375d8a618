using SglangCi.Interfaces.Runs;

namespace SglangCi.Silo.RunKinds.DailySummary;

/// <summary>
/// How the daily summary names a job, from its preset and stored mode: <c>sanity gpt-oss-120b</c>,
/// <c>grok2-fp8 online</c>, <c>PD deepseek-v3-0324-fp8</c>, <c>unit test</c>. The same name for a stored run and for a
/// scheduled job that produced none, so a night's list reads the same either way.
/// </summary>
public static class NightTaskNames
{
    public static string Name(string? preset, string storedMode)
    {
        var p = preset?.Trim() ?? "";
        return RunModes.KindOfStored(storedMode) switch
        {
            RunMode.Sanity => Join("sanity", p),
            RunMode.Online => Join(p, "online"),
            RunMode.Offline => Join(p, "offline"),
            RunMode.PdDisaggregation => Join("PD", p),
            RunMode.UnitTest => Join("unit test", p),
            RunMode.ImageCheck => "image check",
            RunMode.Housekeeping => "housekeeping",
            RunMode.ModelDownload => Join("model download", p),
            RunMode.DailySummary => "daily summary",
            RunMode.UpstreamTest => Join("upstream test", p),
            RunMode.PrImage => "PR image",
            RunMode.UpstreamCoverage => "upstream coverage",
            _ => Join(p, storedMode),
        };
    }

    /// <summary>Where a job goes in the summary: checks first (image, unit, PD), then benchmarks, sanity, the rest.</summary>
    public static int Order(string storedMode) => RunModes.KindOfStored(storedMode) switch
    {
        RunMode.ImageCheck => 0,
        RunMode.UnitTest or RunMode.UpstreamTest => 1,
        RunMode.PdDisaggregation => 2,
        RunMode.Online => 3,
        RunMode.Offline => 4,
        RunMode.Sanity => 5,
        RunMode.ModelDownload => 6,
        RunMode.Housekeeping => 7,
        _ => 8,
    };

    /// <summary>Whether runs of this mode run inside the nightly image (so their image's date says whether it was stale).</summary>
    public static bool RunsInImage(string storedMode) => RunModes.KindOfStored(storedMode) is { } mode && mode.NeedsGpus();

    private static string Join(string first, string second) =>
        first.Length == 0 ? second : second.Length == 0 ? first : $"{first} {second}";
}
