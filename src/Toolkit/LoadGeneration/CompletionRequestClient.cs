using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using SglangCi.Toolkit.Http;

namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// Sends one streamed request (<c>/v1/completions</c>, <c>/v1/chat/completions</c> or native <c>/generate</c>) and turns it into a <see cref="RequestResult"/>. Every
/// failure mode (refused connection, non-200, error chunk, broken stream, per-request timeout) becomes a failed
/// result with a reason instead of an exception, because one bad request must not abort a 2000-request run; only
/// cancellation of the whole run propagates.
/// </summary>
public sealed class CompletionRequestClient
{
    private const int MaxErrorBodyChars = 500;
    private readonly HttpClient _http;

    /// <summary>The client should have <see cref="HttpClient.Timeout"/> = infinite; per-request limits are applied here.</summary>
    public CompletionRequestClient(HttpClient http)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
    }

    /// <summary>POSTs <paramref name="request"/> to <c>/v1/completions</c> and measures it; the timer starts right before the POST, as in bench_serving.</summary>
    public Task<RequestResult> SendAsync(
        Uri baseUrl,
        string model,
        BenchmarkRequest request,
        bool ignoreEos,
        TimeSpan timeout,
        CancellationToken ct) =>
        SendAsync(baseUrl, model, request, BenchmarkBackend.OpenAi, ignoreEos, timeout, ct);

    /// <summary>POSTs <paramref name="request"/> to <paramref name="backend"/>'s endpoint and measures it with that backend's stream rules.</summary>
    public async Task<RequestResult> SendAsync(
        Uri baseUrl,
        string model,
        BenchmarkRequest request,
        BenchmarkBackend backend,
        bool ignoreEos,
        TimeSpan timeout,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = EndpointUri.Combine(baseUrl, BenchmarkBackends.Path(backend));
        using var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(BuildBody(backend, model, request, ignoreEos)),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        double Elapsed() => Stopwatch.GetElapsedTime(started).TotalSeconds;

        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeoutCts.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var body = await ReadErrorBodyAsync(response, timeoutCts.Token).ConfigureAwait(false);
                return Failed(request, Elapsed(), $"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {url}: {body}");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeoutCts.Token).ConfigureAwait(false);
            var read = backend == BenchmarkBackend.Sglang
                ? await NativeGenerateStreamReader.ReadAsync(stream, Elapsed, request.OutputLength, captureText: false, timeoutCts.Token).ConfigureAwait(false)
                : await CompletionStreamReader.ReadAsync(stream, Elapsed, request.OutputLength, captureText: false, timeoutCts.Token).ConfigureAwait(false);
            return new RequestResult(
                read.Success,
                request.PromptLength,
                read.CompletionTokens ?? request.OutputLength,
                read.TtftSeconds,
                read.LatencySeconds,
                read.InterTokenLatencies,
                read.Error);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failed(request, Elapsed(), TimeoutMessage.Describe(timeoutCts.IsCancellationRequested, timeout, _http.Timeout, url));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return Failed(request, Elapsed(), $"Request to {url} failed: {ex.Message}");
        }
    }

    /// <summary>The bench_serving payload for the <c>sglang-oai</c> backend, with usage requested so output_len is the server's count.</summary>
    internal static byte[] BuildBody(string model, BenchmarkRequest request, bool ignoreEos) =>
        BuildBody(BenchmarkBackend.OpenAi, model, request, ignoreEos);

    /// <summary>
    /// bench_serving's payload for <paramref name="backend"/>: native <c>{text, sampling_params{max_new_tokens,
    /// temperature 0, ignore_eos}, stream}</c> (no model), chat <c>messages</c> with one user turn, or the
    /// completions <c>prompt</c>; the OpenAI ones ask for a usage chunk so output_len is the server's count.
    /// </summary>
    internal static byte[] BuildBody(BenchmarkBackend backend, string model, BenchmarkRequest request, bool ignoreEos) => backend switch
    {
        BenchmarkBackend.Sglang => WriteObject(json =>
        {
            json.WriteString("text", request.Prompt);
            json.WriteStartObject("sampling_params");
            json.WriteNumber("temperature", 0);
            json.WriteNumber("max_new_tokens", request.OutputLength);
            json.WriteBoolean("ignore_eos", ignoreEos);
            json.WriteEndObject();
            json.WriteBoolean("stream", true);
        }),
        BenchmarkBackend.OpenAiChat => WriteObject(json =>
        {
            json.WriteString("model", model);
            json.WriteStartArray("messages");
            json.WriteStartObject();
            json.WriteString("role", "user");
            json.WriteString("content", request.Prompt);
            json.WriteEndObject();
            json.WriteEndArray();
            WriteOpenAiSampling(json, request, ignoreEos);
        }),
        _ => WriteObject(json =>
        {
            json.WriteString("model", model);
            json.WriteString("prompt", request.Prompt);
            WriteOpenAiSampling(json, request, ignoreEos);
        }),
    };

    /// <summary>The fields both OpenAI payloads end with: greedy sampling, streaming, and a usage chunk.</summary>
    private static void WriteOpenAiSampling(Utf8JsonWriter json, BenchmarkRequest request, bool ignoreEos)
    {
        json.WriteNumber("max_tokens", request.OutputLength);
        json.WriteNumber("temperature", 0);
        json.WriteBoolean("ignore_eos", ignoreEos);
        json.WriteBoolean("stream", true);
        json.WriteStartObject("stream_options");
        json.WriteBoolean("include_usage", true);
        json.WriteEndObject();
    }

    private static byte[] WriteObject(Action<Utf8JsonWriter> writeFields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            writeFields(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static RequestResult Failed(BenchmarkRequest request, double latency, string error) =>
        new(false, request.PromptLength, request.OutputLength, null, latency, [], error);

    private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            body = body.Trim();
            return body.Length <= MaxErrorBodyChars ? body : body[..MaxErrorBodyChars] + "…";
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return "(the error body could not be read)";
        }
    }
}
