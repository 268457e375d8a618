using System.Net.Http.Headers;
using System.Text.Json;
using SglangCi.Toolkit.Http;

namespace SglangCi.Toolkit.Gsm8k;

/// <summary>
/// Calls SGLang's native <c>/generate</c> without streaming, as the sglang frontend does for GSM8K. Failures come
/// back as outcomes, not exceptions: one failed question counts as invalid instead of aborting the evaluation.
/// </summary>
public sealed class GenerateClient
{
    /// <summary>SGLang's GSM8K stop strings: the next few-shot question, chat turn markers.</summary>
    public static readonly IReadOnlyList<string> Gsm8kStops = Gsm8kStopSequences.All;

    private readonly HttpClient _http;

    public GenerateClient(HttpClient http)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
    }

    /// <summary>Sends <paramref name="prompt"/> with greedy sampling; only whole-run cancellation throws.</summary>
    public async Task<GenerateOutcome> GenerateAsync(Uri baseUrl, string prompt, int maxNewTokens, IReadOnlyList<string> stop, TimeSpan timeout, CancellationToken ct)
    {
        var url = EndpointUri.Combine(baseUrl, "generate");
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        try
        {
            using var content = new ByteArrayContent(BuildBody(prompt, maxNewTokens, stop));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(url, content, timeoutCts.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeoutCts.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return Failed($"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {url}: {Shorten(body)}");
            }

            return ParseResponse(body);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failed(TimeoutMessage.Describe(timeoutCts.IsCancellationRequested, timeout, _http.Timeout, url));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return Failed($"Request to {url} failed: {ex.Message}");
        }
    }

    /// <summary>The request body: <c>{"text", "sampling_params": {"temperature": 0, "max_new_tokens", "stop"}}</c>.</summary>
    internal static byte[] BuildBody(string prompt, int maxNewTokens, IReadOnlyList<string> stop)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("text", prompt);
            json.WriteStartObject("sampling_params");
            json.WriteNumber("temperature", 0);
            json.WriteNumber("max_new_tokens", maxNewTokens);
            json.WriteStartArray("stop");
            foreach (var s in stop)
            {
                json.WriteStringValue(s);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads <c>text</c> and <c>meta_info.completion_tokens</c> (0 when the server omits it).</summary>
    public static GenerateOutcome ParseResponse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                return Failed($"The /generate response has no \"text\": {Shorten(body)}");
            }

            var tokens = root.TryGetProperty("meta_info", out var meta) && meta.ValueKind == JsonValueKind.Object
                && meta.TryGetProperty("completion_tokens", out var count) && count.TryGetInt32(out var n)
                ? n
                : 0;
            return new GenerateOutcome(true, text.GetString()!, tokens, null);
        }
        catch (JsonException ex)
        {
            return Failed($"The /generate response is not JSON ({ex.Message}): {Shorten(body)}");
        }
    }

    private static GenerateOutcome Failed(string error) => new(false, string.Empty, 0, error);

    private static string Shorten(string text)
    {
        text = text.Trim();
        return text.Length <= 300 ? text : text[..300] + "…";
    }
}
