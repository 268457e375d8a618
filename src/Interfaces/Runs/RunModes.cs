namespace SglangCi.Interfaces.Runs;

/// <summary>What each <see cref="RunMode"/> needs and how it is written where people and tables read it.</summary>
public static class RunModes
{
    /// <summary>The mode as stored in the results tables and shown: <c>online</c>, <c>unit-test</c>, <c>pd</c>, …
    /// (an online run of a variant preset stores <c>online_&lt;suffix&gt;</c>).</summary>
    public static string WireName(this RunMode mode) => mode switch
    {
        RunMode.Online => "online",
        RunMode.Offline => "offline",
        RunMode.Sanity => "sanity",
        RunMode.UnitTest => "unit-test",
        RunMode.PdDisaggregation => "pd",
        RunMode.ModelDownload => "model-download",
        RunMode.Housekeeping => "housekeeping",
        RunMode.DailySummary => "daily-summary",
        RunMode.ImageCheck => "image-check",
        RunMode.UpstreamTest => "upstream-test",
        RunMode.PrImage => "pr-image",
        RunMode.UpstreamCoverage => "upstream-coverage",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown run mode"),
    };

    /// <summary>Reads a wire name or an enum name (<c>unit-test</c>, <c>UnitTest</c>), case-insensitively.</summary>
    public static bool TryParse(string? text, out RunMode mode)
    {
        foreach (var candidate in Enum.GetValues<RunMode>())
        {
            if (string.Equals(text, candidate.WireName(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(text, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                mode = candidate;
                return true;
            }
        }

        mode = default;
        return false;
    }

    /// <summary>The kind of a stored run mode: a wire name, or <c>online_&lt;suffix&gt;</c> (a variant preset's online run,
    /// an imported engine variant); null for anything else.</summary>
    public static RunMode? KindOfStored(string? storedMode) =>
        TryParse(storedMode, out var mode) ? mode
        : storedMode?.StartsWith(WireName(RunMode.Online) + "_", StringComparison.OrdinalIgnoreCase) == true ? RunMode.Online
        : null;

    /// <summary>Kinds that run a model and so name a preset. A model download may name one but does not need it: it fetches
    /// the download catalog's models (the job's keys, else the node's hardware's).</summary>
    public static bool NeedsPreset(this RunMode mode) =>
        mode is RunMode.Online or RunMode.Offline or RunMode.Sanity or RunMode.PdDisaggregation;

    /// <summary>Kinds that hold GPUs (a lease on the node) while they work.</summary>
    public static bool NeedsGpus(this RunMode mode) =>
        mode is RunMode.Online or RunMode.Offline or RunMode.Sanity or RunMode.UnitTest or RunMode.PdDisaggregation
            or RunMode.UpstreamTest or RunMode.PrImage;

    /// <summary>GPUs a model-less kind leases when its options do not say. A PR image build uses no GPU (it builds no
    /// kernel), but it runs a container and writes an image on the node, so it takes the smallest lease there is: it
    /// then waits for a benchmark holding the whole node instead of disturbing its measurement, and leaves the other GPUs
    /// free. Every other kind holds the whole node, as the old scripts did.</summary>
    public static int DefaultGpus(this RunMode mode, int nodeGpus) => mode == RunMode.PrImage ? Math.Min(1, nodeGpus) : nodeGpus;
}
