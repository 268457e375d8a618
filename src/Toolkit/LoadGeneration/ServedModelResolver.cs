using System.Text.Json;
using SglangCi.Toolkit.Http;

namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// Finds the served model name the way bench_serving does when <c>--model</c> is not given: the first entry of
/// <c>GET /v1/models</c>. Requests must carry the served name or the server may reject them.
/// </summary>
public sealed class ServedModelResolver
{
    private readonly HttpClient _http;

    public ServedModelResolver(HttpClient http)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
    }

    /// <summary>Returns <c>data[0].id</c>; throws <see cref="InvalidOperationException"/> naming the URL when the server cannot say.</summary>
    public async Task<string> ResolveAsync(Uri baseUrl, TimeSpan timeout, CancellationToken ct)
    {
        var url = EndpointUri.Combine(baseUrl, "v1/models");
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        string body;
        try
        {
            using var response = await _http.GetAsync(url, timeoutCts.Token).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(timeoutCts.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Could not list the served models: GET {url} returned HTTP {(int)response.StatusCode}. Set the model name explicitly.");
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new InvalidOperationException($"Could not list the served models: GET {url} timed out. Set the model name explicitly.");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new InvalidOperationException($"Could not list the served models: GET {url} failed ({ex.Message}). Set the model name explicitly.", ex);
        }

        return ParseFirstModelId(body)
            ?? throw new InvalidOperationException($"GET {url} returned no model id in data[0].id. Set the model name explicitly.");
    }

    /// <summary>Extracts <c>data[0].id</c> from a <c>/v1/models</c> body; null when absent or malformed.</summary>
    public static string? ParseFirstModelId(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0
                && data[0].ValueKind == JsonValueKind.Object
                && data[0].TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                return id.GetString();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
