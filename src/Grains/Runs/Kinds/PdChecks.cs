using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>
/// The old PD test's checks against running servers, in its order: health of all three, the model list, a completion,
/// a code completion (all through the router), then GSM8K through the router against a real threshold. Each answers
/// with a <see cref="PdCheckOutcome"/>; <see cref="PdCheckRunner"/> times and reports them.
/// </summary>
public sealed class PdChecks(RunContext run, PdEndpoints servers, PdSettings settings)
{
    public const string Health = "health";
    public const string ModelInfo = "model-info";
    public const string Completion = "completion";
    public const string CodeGeneration = "code-generation";
    public const string Gsm8k = "gsm8k";

    /// <summary>Every check, in the order they run.</summary>
    public static readonly IReadOnlyList<string> Names = [Health, ModelInfo, Completion, CodeGeneration, Gsm8k];

    /// <summary>The old test's per-request limit (bench_gsm8k_pd.py: 600 s); a completion of 100 tokens needs far less.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The served model as the router's <c>/v1/models</c> names it, for the completion requests.</summary>
    private string? _model;

    public Task<PdCheckOutcome> RunAsync(string name) => name switch
    {
        Health => HealthAsync(),
        ModelInfo => ModelInfoAsync(),
        Completion => CompleteAsync("The capital of France is", maxTokens: 50, temperature: 0.7),
        CodeGeneration => CompleteAsync("def fibonacci(n):\n    \"\"\"Return the n-th Fibonacci number.\"\"\"\n", maxTokens: 100, temperature: 0.3),
        Gsm8k => Gsm8kAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a PD check"),
    };

    private async Task<PdCheckOutcome> HealthAsync()
    {
        var roles = new (string Role, Uri Url)[] { (PdServers.PrefillRole, servers.Prefill), (PdServers.DecodeRole, servers.Decode), (PdServers.RouterRole, servers.Router) };
        var unhealthy = new List<string>();
        using var http = run.CreateEngineClient();
        foreach (var (role, url) in roles)
        {
            var answer = await GetAsync(http, new Uri(url, "/health"));
            if (answer is not null)
            {
                unhealthy.Add($"{role}: {answer}");
            }
        }

        return unhealthy.Count == 0 ? PdCheckOutcome.Passed("prefill, decode and router answer /health") : PdCheckOutcome.Failed(string.Join("; ", unhealthy));
    }

    private async Task<PdCheckOutcome> ModelInfoAsync()
    {
        using var http = run.CreateEngineClient();
        using var timeout = RequestLimit();
        using var response = await http.GetAsync(new Uri(servers.Router, "/v1/models"), timeout.Token);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            return PdCheckOutcome.Failed($"/v1/models via the router: HTTP {(int)response.StatusCode} {Shorten(body)}");
        }

        using var json = JsonDocument.Parse(body);
        var models = json.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array ? data : default;
        if (models.ValueKind != JsonValueKind.Array || models.GetArrayLength() == 0
            || !models[0].TryGetProperty("id", out var id) || id.GetString() is not { Length: > 0 } model)
        {
            return PdCheckOutcome.Failed($"/v1/models via the router lists no model: {Shorten(body)}");
        }

        _model = model;
        return PdCheckOutcome.Passed($"serving {model}");
    }

    /// <summary>An OpenAI completion through the router must come back with a choice that has text.</summary>
    private async Task<PdCheckOutcome> CompleteAsync(string prompt, int maxTokens, double temperature)
    {
        using var http = run.CreateEngineClient();
        using var timeout = RequestLimit();
        var request = new Dictionary<string, object>
        {
            ["prompt"] = prompt,
            ["max_tokens"] = maxTokens,
            ["temperature"] = temperature,
        };
        if (_model is not null)
        {
            request["model"] = _model;
        }

        using var response = await http.PostAsJsonAsync(new Uri(servers.Router, "/v1/completions"), request, timeout.Token);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            return PdCheckOutcome.Failed($"/v1/completions via the router: HTTP {(int)response.StatusCode} {Shorten(body)}");
        }

        using var json = JsonDocument.Parse(body);
        var text = json.RootElement.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
            && choices[0].TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        return string.IsNullOrEmpty(text)
            ? PdCheckOutcome.Failed($"/v1/completions via the router returned no choice with text: {Shorten(body)}")
            : PdCheckOutcome.Passed($"{maxTokens} tokens at temperature {temperature.ToString(CultureInfo.InvariantCulture)}: {Shorten(text)}");
    }

    /// <summary>GSM8K through the router (one trial), reported as the run's gate too so the dashboards show it.</summary>
    private async Task<PdCheckOutcome> Gsm8kAsync()
    {
        await run.PhaseStartedAsync(RunPhase.Gsm8kGate);
        var gate = await run.RunGsm8kAsync(servers.Router, settings.Gsm8kPlan, settings.MaxNewTokens);
        await run.LogAsync(RunLogText.Gsm8kGate(gate));
        await run.ReportGsm8kAsync(gate);
        var accuracy = gate.Accuracy ?? 0;
        var text = $"accuracy {Format(accuracy)}, threshold {Format(settings.Threshold)}, {settings.Questions} questions";

        // Never a pass at 0.0: the old test printed [PASS] for 0.0000 because its bar was 0.001.
        return gate.Passed && accuracy > 0 ? PdCheckOutcome.Passed(text, accuracy) : PdCheckOutcome.Failed($"{text}: below the threshold", accuracy);
    }

    /// <summary>Null when <paramref name="url"/> answers 2xx, else what it answered.</summary>
    private async Task<string?> GetAsync(HttpClient http, Uri url)
    {
        using var timeout = RequestLimit();
        try
        {
            using var response = await http.GetAsync(url, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }

    private CancellationTokenSource RequestLimit()
    {
        var limit = CancellationTokenSource.CreateLinkedTokenSource(run.CancellationToken);
        limit.CancelAfter(RequestTimeout);
        return limit;
    }

    private static string Format(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
