using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SglangCi.Toolkit.History.Online;

/// <summary>
/// What a bench_serving client log's file name says: the load point, the repetition and the invocation stamp.
/// Grok: <c>sglang_client_log_GROK1_aiter_4_run2_20251021_061005.log</c> (request rate; the stamp is shared by all
/// runs of one invocation). DeepSeek: <c>sglang_serving_benchmark_concurrency_16_run1_20251206_154709.log</c>
/// (concurrency; the stamp is when that run started).
/// </summary>
public sealed partial record ClientLogName(string LoadKind, double Load, int Repetition, string Stamp)
{
    public const string Rate = "rate";
    public const string Concurrency = "concurrency";

    public static bool TryParse(string fileName, [NotNullWhen(true)] out ClientLogName? name)
    {
        name = null;
        var match = GrokPattern().Match(fileName);
        var kind = Rate;
        if (!match.Success)
        {
            match = ServingPattern().Match(fileName);
            kind = Concurrency;
        }

        if (!match.Success)
        {
            return false;
        }

        name = new ClientLogName(
            kind,
            double.Parse(match.Groups["load"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["run"].Value, CultureInfo.InvariantCulture),
            match.Groups["stamp"].Value);
        return true;
    }

    [GeneratedRegex(@"^sglang_client_log_.+?_(?<load>\d+(?:\.\d+)?)_run(?<run>\d+)_(?<stamp>\d{8}_\d{6})\.log$", RegexOptions.CultureInvariant)]
    private static partial Regex GrokPattern();

    [GeneratedRegex(@"^sglang_serving_benchmark_concurrency_(?<load>\d+)_run(?<run>\d+)_(?<stamp>\d{8}_\d{6})\.log$", RegexOptions.CultureInvariant)]
    private static partial Regex ServingPattern();
}
