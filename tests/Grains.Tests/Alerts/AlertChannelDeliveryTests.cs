using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SglangCi.Grains.Alerts;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Alerts;
using SglangCi.Toolkit.Alerts;

namespace SglangCi.Grains.Tests.Alerts;

/// <summary>Every channel kind against a real local endpoint: the format it receives, outages, duplicates and secrets.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AlertChannelDeliveryTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private IGrainFactory Grains => fixture.Grains;

    public static TheoryData<AlertChannelKind> WebhookKinds =>
        [AlertChannelKind.TeamsWebhook, AlertChannelKind.TeamsWorkflow, AlertChannelKind.Slack, AlertChannelKind.Webhook];

    [Theory]
    [MemberData(nameof(WebhookKinds))]
    public async Task A_webhook_channel_delivers_a_card_of_every_kind_in_its_format(AlertChannelKind kind)
    {
        using var endpoint = WebhookEndpoint.Answering(SuccessStatus(kind), SuccessBody(kind));
        var channel = await WebhookChannel($"every-kind-{kind}", kind, endpoint.Url);
        var messages = Enum.GetValues<AlertCardKind>().Select(k => Card(k, $"{kind}-{k}")).ToList();

        foreach (var message in messages)
        {
            Assert.True(await channel.Enqueue(message));
        }

        var status = await Delivered(channel, messages.Count);
        Assert.Null(status.LastError);
        var bodies = endpoint.Accepted();
        Assert.Equal(messages.Count, bodies.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            using var json = JsonDocument.Parse(bodies[i]);
            AssertFormat(kind, messages[i], json.RootElement);
        }
    }

    [Fact]
    public async Task A_file_channel_writes_a_card_of_every_kind_as_a_json_line()
    {
        var path = Path.Combine(fixture.DataDirectory, "alerts", "every-kind.jsonl");
        var channel = Grains.GetGrain<IAlertChannelGrain>("every-kind-file");
        await channel.Configure(new AlertChannelConfig("every-kind-file", AlertChannelKind.File, path, null));
        var messages = Enum.GetValues<AlertCardKind>().Select(k => Card(k, $"file-{k}")).ToList();

        foreach (var message in messages)
        {
            await channel.Enqueue(message);
        }

        var status = await Delivered(channel, messages.Count);
        Assert.Equal(path, status.Target);
        var lines = File.ReadAllLines(path);
        Assert.Equal(messages.Count, lines.Length);
        for (var i = 0; i < messages.Count; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            AssertGeneric(messages[i], json.RootElement);
            Assert.Equal(messages[i].DedupeKey, json.RootElement.GetProperty("dedupeKey").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(WebhookKinds))]
    public async Task An_endpoint_down_for_a_while_gets_every_message_once_in_order(AlertChannelKind kind)
    {
        // First nobody listens (connection refused), then the endpoint answers 503 to its first requests.
        var name = $"outage-{kind}";
        var channel = await WebhookChannel(name, kind, $"http://127.0.0.1:{FreePort()}/hooks/s3cr3t-t0ken/");
        var messages = Enumerable.Range(1, 5).Select(i => Card(AlertCardKind.SanityCheck, $"{name}-{i}")).ToList();
        foreach (var message in messages)
        {
            Assert.True(await channel.Enqueue(message));
        }

        await Eventually.Until(channel.GetStatus, s => s.LastError is not null, Patience, "a failed delivery while nobody listens");
        using var endpoint = new WebhookEndpoint(n => n <= 6 ? (503, "busy") : (SuccessStatus(kind), SuccessBody(kind)));
        SetSecret(SecretKey(name), endpoint.Url);

        var status = await Delivered(channel, messages.Count);

        Assert.Empty(status.Pending);
        Assert.Null(status.LastError);
        Assert.True(endpoint.Received.Count(r => r.Status == 503) >= 6);
        Assert.Equal(messages.Select(m => m.Title), endpoint.Accepted().Select(b => TitleOf(kind, b)));
    }

    [Fact]
    public async Task The_same_dedupe_key_twice_is_delivered_once()
    {
        using var endpoint = WebhookEndpoint.Answering(200, "ok");
        var channel = await WebhookChannel("dedupe-slack", AlertChannelKind.Slack, endpoint.Url);

        Assert.True(await channel.Enqueue(Card(AlertCardKind.Coverage, "dedupe-1")));
        Assert.False(await channel.Enqueue(Card(AlertCardKind.Coverage, "dedupe-1") with { Title = "again" }));
        var status = await Delivered(channel, 1);
        await Task.Delay(500);

        Assert.Equal(1, status.Deduplicated);
        Assert.Single(endpoint.Received);
    }

    [Fact]
    public async Task A_teams_webhook_answering_200_with_an_error_is_a_failure_and_is_retried()
    {
        const string Throttled = "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0";
        using var endpoint = new WebhookEndpoint(n => n <= 2 ? (200, Throttled) : (200, AlertWebhookFormat.TeamsWebhookAccepted));
        var channel = await WebhookChannel("teams-throttled", AlertChannelKind.TeamsWebhook, endpoint.Url);

        await channel.Enqueue(Card(AlertCardKind.BenchmarkNight, "teams-throttled-1"));
        var failed = await Eventually.Until(channel.GetStatus, s => s.LastError is not null || s.Delivered > 0, Patience, "the first answer");
        var status = await Delivered(channel, 1);

        Assert.Contains("did not post the alert", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("HTTP error 429", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(3, endpoint.Received.Count);
        Assert.Single(endpoint.Received.Select(r => r.Body).Distinct());
        Assert.Equal(1, status.Delivered);
    }

    [Fact]
    public async Task The_webhook_url_shows_only_masked_in_status_and_errors()
    {
        using var endpoint = WebhookEndpoint.Answering(500, "no");
        var channel = await WebhookChannel("masked-teams", AlertChannelKind.TeamsWorkflow, endpoint.Url);

        await channel.Enqueue(Card(AlertCardKind.DailySummary, "masked-1"));
        var status = await Eventually.Until(channel.GetStatus, s => s.LastError is not null, Patience, "a failed delivery");

        Assert.Equal($"http://127.0.0.1:{endpoint.Port}/…/****", status.Target);
        Assert.Equal(SecretKey("masked-teams"), status.Config!.SecretName);
        var shown = JsonSerializer.Serialize(status);
        Assert.DoesNotContain("s3cr3t", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("/hooks/", shown, StringComparison.Ordinal);
        Assert.Contains("500", status.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_channel_without_a_url_key_is_refused_naming_the_channel()
    {
        var channel = Grains.GetGrain<IAlertChannelGrain>("no-key");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => channel.Configure(new AlertChannelConfig("no-key", AlertChannelKind.Slack, null, null)));
        var pasted = await Assert.ThrowsAsync<ArgumentException>(() =>
            channel.Configure(new AlertChannelConfig("no-key", AlertChannelKind.TeamsWebhook, null, "https://example.webhook.office.com/webhookb2/s3cr3t")));

        Assert.Contains("alert channel 'no-key' (Slack): SecretName", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", pasted.Message, StringComparison.Ordinal);
    }

    private static int SuccessStatus(AlertChannelKind kind) => kind == AlertChannelKind.TeamsWorkflow ? 202 : 200;

    private static string SuccessBody(AlertChannelKind kind) => kind switch
    {
        AlertChannelKind.TeamsWebhook => AlertWebhookFormat.TeamsWebhookAccepted,
        AlertChannelKind.Slack => "ok",
        _ => "",
    };

    private static void AssertFormat(AlertChannelKind kind, AlertMessage message, JsonElement root)
    {
        var label = ((CardKind)(int)message.Kind).Label();
        switch (kind)
        {
            case AlertChannelKind.TeamsWebhook or AlertChannelKind.TeamsWorkflow:
                Assert.Equal("message", root.GetProperty("type").GetString());
                var attachment = root.GetProperty("attachments")[0];
                Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
                var content = attachment.GetProperty("content");
                Assert.Equal("1.4", content.GetProperty("version").GetString());
                var body = content.GetProperty("body").EnumerateArray().ToList();
                Assert.StartsWith(label + " · ", body[0].GetProperty("text").GetString(), StringComparison.Ordinal);
                Assert.Equal(message.Title, body[1].GetProperty("text").GetString());
                Assert.Contains(body, b => b.GetProperty("type").GetString() == "FactSet");
                Assert.Contains(body, b => b.TryGetProperty("text", out var t) && t.GetString() == "Jobs");
                Assert.Contains(body, b => b.GetProperty("type").GetString() == "Image" && b.GetProperty("url").GetString() == message.Charts[0].ImageUrl);
                Assert.Equal(message.Link, content.GetProperty("actions")[0].GetProperty("url").GetString());
                break;
            case AlertChannelKind.Slack:
                var blocks = root.GetProperty("blocks").EnumerateArray().ToList();
                Assert.Contains(label, root.GetProperty("text").GetString(), StringComparison.Ordinal);
                Assert.Equal(message.Title, blocks[0].GetProperty("text").GetProperty("text").GetString());
                Assert.Contains($"*{label}*", blocks[1].GetProperty("elements")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
                Assert.Contains(blocks, b => b.TryGetProperty("fields", out _));
                Assert.Contains(blocks, b => b.TryGetProperty("text", out var text) && text.TryGetProperty("text", out var body)
                    && body.GetString()!.Contains(message.Charts[0].ImageUrl, StringComparison.Ordinal));
                Assert.Equal("actions", blocks[^1].GetProperty("type").GetString());
                break;
            default:
                AssertGeneric(message, root);
                Assert.False(root.TryGetProperty("dedupeKey", out _));
                break;
        }
    }

    private static void AssertGeneric(AlertMessage message, JsonElement root)
    {
        Assert.Equal(message.Title, root.GetProperty("title").GetString());
        Assert.Equal(((CardKind)(int)message.Kind).WireName(), root.GetProperty("kind").GetString());
        Assert.Equal("warning", root.GetProperty("severity").GetString());
        Assert.Equal("mi35x", root.GetProperty("facts").GetProperty("hardware").GetString());
        Assert.Equal("PASS", root.GetProperty("tables")[0].GetProperty("rows")[0][1].GetString());
        Assert.Equal(message.Charts[0].ImageUrl, root.GetProperty("charts")[0].GetProperty("imageUrl").GetString());
        Assert.Equal(message.Link, root.GetProperty("link").GetString());
    }

    private static string? TitleOf(AlertChannelKind kind, string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return kind switch
        {
            AlertChannelKind.TeamsWebhook or AlertChannelKind.TeamsWorkflow =>
                root.GetProperty("attachments")[0].GetProperty("content").GetProperty("body")[1].GetProperty("text").GetString(),
            AlertChannelKind.Slack => root.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString(),
            _ => root.GetProperty("title").GetString(),
        };
    }

    private async Task<IAlertChannelGrain> WebhookChannel(string name, AlertChannelKind kind, string url)
    {
        SetSecret(SecretKey(name), url);
        var channel = Grains.GetGrain<IAlertChannelGrain>(name);
        await channel.Configure(new AlertChannelConfig(name, kind, null, SecretKey(name)));
        return channel;
    }

    private static string SecretKey(string channel) => $"Alerts:Webhooks:{channel}";

    private static async Task<AlertOutboxStatus> Delivered(IAlertChannelGrain channel, int count) =>
        await Eventually.Until(channel.Flush, s => s.Pending.Count == 0 && s.Delivered >= count, Patience, $"{count} deliveries");

    private void SetSecret(string key, string value)
    {
        foreach (var silo in fixture.Cluster.GetActiveSilos())
        {
            fixture.SiloServices(silo).GetRequiredService<IConfiguration>()[key] = value;
        }
    }

    private static AlertMessage Card(AlertCardKind kind, string key) =>
        new(key, $"{kind} alert {key}", AlertSeverity.Warning, "line one\nline two", new Dictionary<string, string> { ["hardware"] = "mi35x", ["run"] = key }, DateTimeOffset.UtcNow)
        {
            Kind = kind,
            Tables = [new AlertTable("Jobs", ["job", "status", "detail"], [["sanity deepseek", "PASS", "gsm8k 0.95"], ["unit-test", "FAILED", "3 failed"]])],
            Charts = [new AlertChart("p99 E2E", $"https://ci.example/charts/{key}.png")],
            Link = $"https://ci.example/runs/{key}",
        };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
