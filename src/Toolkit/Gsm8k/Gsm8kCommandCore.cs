namespace SglangCi.Toolkit.Gsm8k;

/// <summary>
/// What <c>sglang-ci gsm8k</c> does, without the console: resolve the dataset (a given file, else the cache, else a
/// verified download), run the evaluation and decide the exit code. Lives in the toolkit so it is tested against the
/// simulated engine without the CLI.
/// </summary>
public static class Gsm8kCommandCore
{
    /// <summary>Environment variable naming the data directory (shared with the silo and the dashboard).</summary>
    public const string DataDirectoryVariable = "SGLCI_DATA_DIR";

    /// <summary>The cache root: <c>SGLCI_DATA_DIR</c> when set, else <c>~/.cache/sglang-ci</c>.</summary>
    public static string DefaultCacheDirectory()
    {
        var configured = Environment.GetEnvironmentVariable(DataDirectoryVariable);
        return !string.IsNullOrWhiteSpace(configured)
            ? Path.GetFullPath(configured.Trim())
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "sglang-ci");
    }

    /// <summary>Loads the dataset from <paramref name="dataPath"/> (else <c>SGLCI_GSM8K_PATH</c>; never hash-checked) or
    /// the verified cache/download.</summary>
    public static Task<IReadOnlyList<Gsm8kItem>> LoadDatasetAsync(HttpClient http, string? dataPath, string? cacheDirectory, CancellationToken ct)
    {
        var local = string.IsNullOrWhiteSpace(dataPath) ? Environment.GetEnvironmentVariable(Gsm8kDatasetSource.EnvironmentVariable) : dataPath;
        return new Gsm8kDatasetSource(http, cacheDirectory ?? DefaultCacheDirectory(), local).LoadAsync(ct);
    }

    /// <summary>Runs the evaluation; the outcome says whether it counts as a failure (every request failed).</summary>
    public static async Task<Gsm8kCommandOutcome> RunAsync(
        HttpClient http,
        IReadOnlyList<Gsm8kItem> dataset,
        Gsm8kOptions options,
        IProgress<int>? progress,
        CancellationToken ct)
    {
        var result = await new Gsm8kEvaluator(http).RunAsync(dataset, options, progress, ct).ConfigureAwait(false);
        return new Gsm8kCommandOutcome(result, AllFailed: result.Questions > 0 && result.Failed >= result.Questions);
    }

    /// <summary>The <c>--json</c> document: <c>{ accuracy, invalid, latencyS, outputThroughput, questions, failed }</c>.</summary>
    public static Gsm8kJson ToJson(Gsm8kResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new Gsm8kJson(result.Accuracy, result.Invalid, result.LatencySeconds, result.OutputThroughput, result.Questions, result.Failed);
    }
}

/// <summary>An evaluation and whether every request failed (server unreachable or broken: exit code 1).</summary>
public sealed record Gsm8kCommandOutcome(Gsm8kResult Result, bool AllFailed);

/// <summary>The JSON shape of <c>sglang-ci gsm8k --json</c> (camelCase when serialized with web defaults).</summary>
public sealed record Gsm8kJson(double Accuracy, double Invalid, double LatencyS, double OutputThroughput, int Questions, int Failed);
