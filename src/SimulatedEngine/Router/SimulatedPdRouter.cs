using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SglangCi.SimulatedEngine.Router;

/// <summary>
/// A running simulated <c>sglang_router</c> in PD mode: real HTTP in front of a prefill and a decode server (simulated
/// or not), forwarding as <see cref="PdRouterEndpoints"/> describes. It holds no model, so it serves as soon as its port
/// is bound, like the real router process; its <c>/health</c> tells whether the servers behind it are up.
/// </summary>
public sealed class SimulatedPdRouter : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private int _disposed;

    private SimulatedPdRouter(WebApplication app, HttpClient http, PdRouterArgs backends, Uri baseUrl)
    {
        _app = app;
        _http = http;
        Backends = backends;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public PdRouterArgs Backends { get; }

    /// <summary>Binds <paramref name="host"/>:<paramref name="port"/> (0 picks a free port) and starts forwarding.</summary>
    public static async Task<SimulatedPdRouter> StartAsync(PdRouterArgs backends, int port = 0, string host = "127.0.0.1", CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(backends);
        var address = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Parse(host);

        // As the engine server: an empty builder reads nothing of a host it is embedded in (the silo's URLs, its Kestrel section).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatedPdRouter).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(address, port);
        });

        // Generations can be long (GSM8K at 512 tokens behind a slow decode); the client's own timeout governs, not ours.
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var app = builder.Build();
        app.MapPdRouter(backends, new PdRouterForwarding(http));
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            http.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var reachable = IPAddress.Any.Equals(address) || IPAddress.IPv6Any.Equals(address) ? "127.0.0.1" : bound.Host;
        return new SimulatedPdRouter(app, http, backends, new UriBuilder(Uri.UriSchemeHttp, reachable, bound.Port).Uri);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _http.Dispose();
        }
    }
}
