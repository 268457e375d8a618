using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Alerts;

namespace SglangCi.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class AlertChannelGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task File_channel_writes_one_json_line_per_message_and_drops_duplicates()
    {
        var path = Path.Combine(fixture.DataDirectory, "nested", "dir", "file-test.jsonl");
        var channel = Grains.GetGrain<IAlertChannelGrain>("file-test");
        await channel.Configure(new AlertChannelConfig("file-test", AlertChannelKind.File, path, null));

        Assert.True(await channel.Enqueue(Message("k1", "first")));
        Assert.True(await channel.Enqueue(Message("k2", "second")));
        Assert.False(await channel.Enqueue(Message("k1", "first again")));

        var status = await Flushed(channel);
        Assert.Equal(2, status.Delivered);
        Assert.Equal(1, status.Deduplicated);
        Assert.Null(status.LastError);

        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("first", first.RootElement.GetProperty("title").GetString());
        Assert.Equal("warning", first.RootElement.GetProperty("severity").GetString());
        Assert.Equal("node-1", first.RootElement.GetProperty("facts").GetProperty("node").GetString());
        Assert.True(first.RootElement.TryGetProperty("createdAt", out _));
        Assert.Contains("file-test", await Grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key).List(CatalogKind.AlertChannel));
    }

    [Fact]
    public async Task Webhook_is_retried_after_a_500_and_its_url_never_shows_in_errors()
    {
        using var server = new WebhookServer(failFirst: 1);
        SetSecret("Alerts:Webhooks:test", server.Url);
        var channel = Grains.GetGrain<IAlertChannelGrain>("hook-test");
        await channel.Configure(new AlertChannelConfig("hook-test", AlertChannelKind.Webhook, null, "Alerts:Webhooks:test"));

        Assert.True(await channel.Enqueue(Message("h1", "hooked")));
        var status = await Flushed(channel);

        Assert.Null(status.LastError);
        Assert.Equal(1, status.Delivered);
        Assert.Equal(2, server.Requests);
        using var body = JsonDocument.Parse(server.LastBody!);
        Assert.Equal("hooked", body.RootElement.GetProperty("title").GetString());
        Assert.Equal("it broke", body.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Unreachable_webhook_keeps_messages_pending_with_a_redacted_error()
    {
        var url = $"http://127.0.0.1:{FreePort()}/hooks/s3cr3t-t0ken/";
        SetSecret("Alerts:Webhooks:down", url);
        var channel = Grains.GetGrain<IAlertChannelGrain>("down-test");
        await channel.Configure(new AlertChannelConfig("down-test", AlertChannelKind.Webhook, null, "Alerts:Webhooks:down"));

        await channel.Enqueue(Message("d1", "lost?"));
        var status = await Eventually.Until(channel.GetStatus, s => s.LastError is not null, TimeSpan.FromSeconds(20), "failed delivery");

        Assert.Single(status.Pending);
        Assert.NotNull(status.LastError);
        Assert.DoesNotContain("s3cr3t", status.LastError);
        Assert.DoesNotContain(url, status.LastError);

        using var server = new WebhookServer(failFirst: 2);
        SetSecret("Alerts:Webhooks:down", server.Url);
        status = await Eventually.Until(channel.Flush, s => s.Pending.Count == 0, TimeSpan.FromSeconds(30), "delivery once the endpoint is back");
        Assert.Equal(1, status.Delivered);
        Assert.Null(status.LastError);
    }

    [Fact]
    public async Task Unconfigured_channel_keeps_messages_without_a_pump_and_delivers_once_configured()
    {
        var channel = Grains.GetGrain<IAlertChannelGrain>("late-test");
        Assert.True(await channel.Enqueue(Message("late1", "early bird")));

        var status = await channel.GetStatus();
        Assert.Single(status.Pending);
        Assert.Null(status.Config);
        Assert.Equal("channel 'late-test' is not configured", status.LastError);

        var path = Path.Combine(fixture.DataDirectory, "late-test.jsonl");
        await channel.Configure(new AlertChannelConfig("late-test", AlertChannelKind.File, path, null));
        status = await Eventually.Until(channel.GetStatus, s => s.Pending.Count == 0, TimeSpan.FromSeconds(10), "delivery after Configure");
        Assert.Null(status.LastError);
        Assert.Single(File.ReadAllLines(path));
    }

    [Fact]
    public async Task Flush_returns_at_once_while_a_slow_delivery_runs()
    {
        // An endpoint that accepts connections and never answers: each attempt runs into the webhook timeout.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        SetSecret("Alerts:Webhooks:silent", $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/hooks/s3cr3t/");
        var channel = Grains.GetGrain<IAlertChannelGrain>("silent-test");
        await channel.Configure(new AlertChannelConfig("silent-test", AlertChannelKind.Webhook, null, "Alerts:Webhooks:silent"));
        await channel.Enqueue(Message("s1", "unheard"));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var status = await channel.Flush();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"Flush took {watch.Elapsed}");
        Assert.Single(status.Pending);
    }

    private static async Task<AlertOutboxStatus> Flushed(IAlertChannelGrain channel) =>
        await Eventually.Until(channel.Flush, s => s.Pending.Count == 0, TimeSpan.FromSeconds(20), "outbox flush");

    private void SetSecret(string key, string value)
    {
        foreach (var silo in fixture.Cluster.GetActiveSilos())
        {
            fixture.SiloServices(silo).GetRequiredService<IConfiguration>()[key] = value;
        }
    }

    private static AlertMessage Message(string key, string title) =>
        new(key, title, AlertSeverity.Warning, "it broke", new Dictionary<string, string> { ["node"] = "node-1" }, DateTimeOffset.UtcNow);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A local webhook endpoint that answers 500 to its first requests, then 200.</summary>
    private sealed class WebhookServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly int _failFirst;
        private int _requests;

        public WebhookServer(int failFirst)
        {
            _failFirst = failFirst;
            Url = $"http://127.0.0.1:{FreePort()}/hooks/s3cr3t-t0ken/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = ServeAsync();
        }

        public string Url { get; }

        public int Requests => Volatile.Read(ref _requests);

        public string? LastBody { get; private set; }

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception)
                {
                    return;
                }

                using (var reader = new StreamReader(context.Request.InputStream))
                {
                    LastBody = await reader.ReadToEndAsync();
                }

                var n = Interlocked.Increment(ref _requests);
                context.Response.StatusCode = n <= _failFirst ? 500 : 200;
                context.Response.Close();
            }
        }
    }
}
