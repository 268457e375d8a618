using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SglangCi.Toolkit.Tests.SimulatedEngine;

/// <summary>
/// Helpers shared by the simulated-engine tests: JSON posting, an SSE reader that timestamps each event
/// (for TTFT/ITL), the shared-data locator and GSM8K prompt building as <c>bench_sglang.py</c> does it.
/// </summary>
internal static partial class SimulatedEngineTestSupport
{
    /// <summary>One SSE <c>data:</c> payload and when the client read it.</summary>
    public readonly record struct SseEvent(string Data, TimeSpan At);

    public static HttpContent Json(object body) =>
        new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public static async Task<JsonElement> PostJsonAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsync(path, Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Posts a streaming request and yields each event's payload with the time since
    /// <paramref name="clock"/> started, read as the bytes arrive.</summary>
    public static async IAsyncEnumerable<SseEvent> StreamAsync(
        HttpClient client,
        string path,
        object body,
        Stopwatch clock,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                yield return new SseEvent(line["data: ".Length..], clock.Elapsed);
            }
        }
    }

    /// <summary>The shared reference folder: <c>SGLCI_SHARED_DIR</c>, else <c>shared</c> next to the repository
    /// root (the folder holding SglangCi.sln).</summary>
    public static string SharedDir()
    {
        if (Environment.GetEnvironmentVariable("SGLCI_SHARED_DIR") is { Length: > 0 } fromEnv)
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SglangCi.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            }
        }

        throw new DirectoryNotFoundException("SglangCi.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The first <paramref name="count"/> GSM8K test items as (question, answer).</summary>
    public static IReadOnlyList<(string Question, string Answer)> Gsm8kItems(int count)
    {
        var path = Path.Combine(SharedDir(), "datasets", "gsm8k", "test.jsonl");
        return File.ReadLines(path)
            .Where(static l => l.Length > 0)
            .Take(count)
            .Select(static l =>
            {
                using var doc = JsonDocument.Parse(l);
                return (doc.RootElement.GetProperty("question").GetString()!, doc.RootElement.GetProperty("answer").GetString()!);
            })
            .ToArray();
    }

    /// <summary>A k-shot prompt: the first items as solved examples, then the evaluated question.</summary>
    public static string FewShotPrompt(IReadOnlyList<(string Question, string Answer)> items, int shots, string question)
    {
        var prompt = new StringBuilder();
        foreach (var (q, a) in items.Take(shots))
        {
            prompt.Append("Question: ").Append(q).Append("\nAnswer: ").Append(a).Append("\n\n");
        }

        return prompt.Append("Question: ").Append(question).Append("\nAnswer:").ToString();
    }

    /// <summary>GSM8K's answer extraction: drop commas, take the last integer; null when there is none.</summary>
    public static long? LastNumber(string text)
    {
        var matches = Digits().Matches(text.Replace(",", string.Empty, StringComparison.Ordinal));
        return matches.Count == 0 ? null : long.Parse(matches[^1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A prompt of exactly <paramref name="words"/> tokens.</summary>
    public static string Words(int words) => string.Join(' ', Enumerable.Range(0, words).Select(static i => "w" + i));

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
