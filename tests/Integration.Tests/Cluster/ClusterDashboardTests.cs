using System.Net;
using System.Text.Json;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Integration.Tests.Postgres;
using Xunit.Abstractions;

namespace SglangCi.Integration.Tests.Cluster;

/// <summary>
/// The dashboard in cluster mode is a client, not a silo: started before any silo it answers at once (503 until it
/// reaches the cluster), then shows the nodes the silos registered, and a node whose silo is killed as offline.
/// </summary>
[Trait("Category", "Postgres")]
[Collection(EndToEndCollection.Name)]
public sealed class ClusterDashboardTests(ITestOutputHelper output) : ClusterTest(output)
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [PostgresFact]
    public async Task The_dashboard_as_a_client_answers_before_the_cluster_is_up_then_shows_its_nodes_and_an_offline_one()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "sglci-cluster-web-" + Guid.NewGuid().ToString("N"));
        await using var web = WebAppProcess.Start(Layout.WebAssembly, dataDirectory, Layout.Gsm8kDataset,
            new Dictionary<string, string> { ["SglangCi__Cluster__Postgres"] = ClusterConnectionString });

        // No silo yet: the web server is up, its health says the cluster is not reachable.
        HttpStatusCode? early = null;
        await WaitUntilAsync(TimeSpan.FromSeconds(90), async () => (early = await StatusAsync(web, "healthz")) is not null, "the dashboard to answer HTTP");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, early);

        StartSilo("gpu-a");
        var b = StartSilo("gpu-b");
        await WaitUntilAsync(JoinTimeout, async () => await StatusAsync(web, "healthz") == HttpStatusCode.OK, $"the dashboard to reach the cluster\n{web.CapturedOutput}");
        await WaitOnlineAsync("gpu-a", "gpu-b");

        // The client's view of a cluster that is still forming settles within moments of the silos joining.
        await WaitUntilAsync(TimeSpan.FromSeconds(60), async () => await StatusAsync(web, "api/nodes") == HttpStatusCode.OK, $"/api/nodes to answer\n{web.CapturedOutput}");
        var nodes = await NodesFromApiAsync(web);
        Assert.True(nodes["gpu-a"].GetProperty("online").GetBoolean());
        Assert.Equal("sim", nodes["gpu-a"].GetProperty("status").GetProperty("inventory").GetProperty("hardware").GetString());
        var page = await GetTextAsync(web, "nodes");
        Assert.Contains("gpu-a", page);
        Assert.Contains("gpu-b", page);

        // Grains that lived on the killed silo (the catalog, maybe) answer again once the cluster has voted it dead,
        // within seconds; until then a read may fail, and the page says so rather than hanging.
        await b.KillAsync();
        await WaitUntilAsync(TimeSpan.FromSeconds(90), async () =>
        {
            if (await StatusAsync(web, "api/nodes") != HttpStatusCode.OK)
            {
                return false;
            }

            var listed = await NodesFromApiAsync(web);
            return listed["gpu-a"].GetProperty("online").GetBoolean() && !listed["gpu-b"].GetProperty("online").GetBoolean();
        }, "the dashboard to show gpu-b offline and gpu-a online");
        Assert.Contains("node-offline", await GetTextAsync(web, "nodes"));
    }

    private async Task<HttpStatusCode?> StatusAsync(WebAppProcess web, string path)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(web.BaseAddress, path));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private async Task<Dictionary<string, JsonElement>> NodesFromApiAsync(WebAppProcess web) =>
        JsonDocument.Parse(await GetTextAsync(web, "api/nodes")).RootElement
            .EnumerateArray().ToDictionary(n => n.GetProperty("name").GetString()!);

    private async Task<string> GetTextAsync(WebAppProcess web, string path)
    {
        using var response = await _http.GetAsync(new Uri(web.BaseAddress, path));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /{path}: {(int)response.StatusCode}\n{web.CapturedOutput}");
        return text;
    }

    public override async Task DisposeAsync()
    {
        _http.Dispose();
        await base.DisposeAsync();
    }
}
