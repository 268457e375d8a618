using System.Globalization;

namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// Latency service-level objectives for goodput, in milliseconds, as vLLM's <c>benchmark_serving.py --goodput</c>
/// takes them (<c>ttft:2000 tpot:200 e2el:5000</c>). A request is "good" when it succeeded and meets every given
/// SLO (metric ≤ SLO); goodput = good requests / benchmark duration, in req/s.
/// </summary>
public sealed record GoodputSlos(double? TtftMs = null, double? TpotMs = null, double? E2eMs = null)
{
    /// <summary>The keys vLLM accepts; <c>e2e</c> is our alias of its <c>e2el</c>.</summary>
    public static readonly IReadOnlyList<string> Keys = ["ttft", "tpot", "e2el", "e2e"];

    /// <summary>True when at least one objective is set.</summary>
    public bool Any => TtftMs is not null || TpotMs is not null || E2eMs is not null;

    /// <summary>
    /// Parses <c>KEY:VALUE</c> tokens (each token may itself hold several separated by spaces or commas). Keys:
    /// <c>ttft</c>, <c>tpot</c>, <c>e2el</c> (or <c>e2e</c>); values are non-negative milliseconds.
    /// </summary>
    /// <exception cref="FormatException">A token is malformed; the message names it.</exception>
    public static GoodputSlos Parse(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var slos = new GoodputSlos();
        foreach (var token in tokens.SelectMany(t => t.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var colon = token.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == token.Length - 1)
            {
                throw new FormatException($"Invalid goodput SLO '{token}': expected KEY:VALUE with KEY one of ttft, tpot, e2el (e.g. ttft:2000).");
            }

            var key = token[..colon].Trim().ToLowerInvariant();
            var text = token[(colon + 1)..].Trim();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0)
            {
                throw new FormatException($"Invalid goodput SLO '{token}': the value must be a non-negative number of milliseconds.");
            }

            slos = key switch
            {
                "ttft" => slos with { TtftMs = value },
                "tpot" => slos with { TpotMs = value },
                "e2el" or "e2e" => slos with { E2eMs = value },
                _ => throw new FormatException($"Invalid goodput SLO '{token}': unknown metric '{key}'; use ttft, tpot or e2el."),
            };
        }

        return slos;
    }

    /// <summary>
    /// Counts good requests as vLLM does: successful ones only; TTFT of a request that produced no text counts as
    /// 0, and TPOT is 0 for requests with at most one output token (vLLM's <c>all_tpots</c>).
    /// </summary>
    public int CountGood(IEnumerable<RequestResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var good = 0;
        foreach (var r in results)
        {
            if (!r.Success)
            {
                continue;
            }

            var ttft = r.TtftSeconds ?? 0;
            var tpot = r.OutputLength > 1 ? (r.LatencySeconds - ttft) / (r.OutputLength - 1) : 0;
            if (Meets(TtftMs, ttft) && Meets(TpotMs, tpot) && Meets(E2eMs, r.LatencySeconds))
            {
                good++;
            }
        }

        return good;
    }

    /// <summary>Good requests per second of <paramref name="durationSeconds"/> (0 for a zero duration).</summary>
    public double Goodput(IEnumerable<RequestResult> results, double durationSeconds) =>
        durationSeconds > 0 ? CountGood(results) / durationSeconds : 0.0;

    /// <summary>Back to <c>ttft:2000 tpot:200</c> form.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (TtftMs is { } ttft)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"ttft:{ttft}"));
        }

        if (TpotMs is { } tpot)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"tpot:{tpot}"));
        }

        if (E2eMs is { } e2e)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"e2el:{e2e}"));
        }

        return string.Join(' ', parts);
    }

    /// <summary>vLLM compares in seconds (<c>slo_ms / 1000 &gt;= metric_s</c>); doing the same keeps boundary cases identical.</summary>
    private static bool Meets(double? sloMs, double valueSeconds) => sloMs is not { } slo || slo / 1000.0 >= valueSeconds;
}
