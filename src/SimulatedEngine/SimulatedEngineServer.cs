using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SglangCi.SimulatedEngine.Endpoints;

namespace SglangCi.SimulatedEngine;

/// <summary>
/// A running simulated SGLang server: Kestrel with SGLang's endpoints in front of the simulated scheduler.
/// Used in-process (the silo's simulated runtime, tests) and by the <c>sglang-sim</c> executable, so the
/// same object serves every way the CI runs without a GPU. <see cref="StartAsync"/> returns once the port
/// is bound; readiness follows after <see cref="SimulatedEngineOptions.StartupDelay"/>, like a real server
/// that listens while it loads the model.
/// </summary>
public sealed class SimulatedEngineServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EngineContext _engine;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _stopGate = new(1, 1);
    private bool _stopped;
    private int _disposed;
    private SimulatedEngineCrashedException? _failure;

    private SimulatedEngineServer(WebApplication app, EngineContext engine, Uri baseUrl)
    {
        _app = app;
        _engine = engine;
        BaseUrl = baseUrl;
    }

    /// <summary>Where clients reach the server, e.g. <c>http://127.0.0.1:30000/</c> (a wildcard bind is
    /// reported as loopback, the address that works from this machine).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Counters of served requests and tokens.</summary>
    public SimulatedEngineStats Stats => _engine.Stats;

    /// <summary>The options the server runs with.</summary>
    public SimulatedEngineOptions Options => _engine.Options;

    /// <summary>Completes when the server reports healthy; faults with <see cref="SimulatedEngineCrashedException"/>
    /// on an injected startup failure, is cancelled when stopped before ready.</summary>
    public Task WhenReady => _ready.Task;

    /// <summary>Completes when the server has stopped: successfully after <see cref="StopAsync"/>, faulted with
    /// <see cref="SimulatedEngineCrashedException"/> after an injected crash or startup failure. The in-process
    /// analogue of waiting for the engine process to exit.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Binds <paramref name="host"/>:<paramref name="port"/> (0 picks a free port) and starts serving.</summary>
    public static async Task<SimulatedEngineServer> StartAsync(
        SimulatedEngineOptions options,
        int port = 0,
        string host = "127.0.0.1",
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        var address = await ResolveAsync(host, ct).ConfigureAwait(false);

        // The empty builder reads no appsettings.json, ASPNETCORE_* variables or command line: embedded in a
        // host (the silo, the dashboard) anything else would pick up that host's settings, e.g. its URLs or
        // a "Kestrel" section binding the host's own ports a second time. Options are the only input.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatedEngineServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(address, port);
        });

        SimulatedEngineServer? server = null;
        var engine = new EngineContext(options, reason => server?.OnCrash(reason));
        var app = builder.Build();
        app.MapSimulatedEngine(engine);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var reachable = IPAddress.Any.Equals(address) || IPAddress.IPv6Any.Equals(address) ? "127.0.0.1" : bound.Host;
        engine.Host = host;
        engine.Port = bound.Port;
        server = new SimulatedEngineServer(app, engine, new UriBuilder(Uri.UriSchemeHttp, reachable, bound.Port).Uri);
        engine.Scheduler.Start();
        _ = server.RunStartupAsync();
        return server;
    }

    /// <summary>Stops serving: health turns 503, in-flight requests are aborted, the port is released.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        await StopCoreAsync(ct).ConfigureAwait(false);
        if (Volatile.Read(ref _failure) is { } failure)
        {
            _ready.TrySetException(failure);
            _completion.TrySetException(failure);
            return;
        }

        _ready.TrySetCanceled(CancellationToken.None);
        _completion.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _lifetime.Dispose();
    }

    /// <summary>Waits out the simulated model load, then reports ready, or fails as configured.</summary>
    private async Task RunStartupAsync()
    {
        try
        {
            if (Options.StartupDelay > TimeSpan.Zero)
            {
                await Task.Delay(Options.StartupDelay, _lifetime.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (Options.Faults.FailStartup)
        {
            await FailAsync(new SimulatedEngineCrashedException("Simulated startup failure: the engine did not come up.")).ConfigureAwait(false);
            return;
        }

        _engine.State = EngineState.Ready;
        _ready.TrySetResult();
    }

    private void OnCrash(string reason)
    {
        _engine.State = EngineState.Down;
        _engine.AbortConnections();
        _ = Task.Run(() => FailAsync(new SimulatedEngineCrashedException(reason)));
    }

    private async Task FailAsync(SimulatedEngineCrashedException error)
    {
        // Recorded first so a concurrent StopAsync reports the failure rather than a clean stop.
        Interlocked.CompareExchange(ref _failure, error, null);
        error = _failure;
        try
        {
            await StopCoreAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _ready.TrySetException(error);
            _completion.TrySetException(error);
        }
    }

    private async Task StopCoreAsync(CancellationToken ct)
    {
        await _stopGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _engine.State = EngineState.Down;
            await _lifetime.CancelAsync().ConfigureAwait(false);
            await _engine.Scheduler.StopAsync().ConfigureAwait(false);
            await _app.StopAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _stopGate.Release();
        }
    }

    private static void Validate(SimulatedEngineOptions o)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(o.MaxRunningRequests, 1, nameof(o.MaxRunningRequests));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.ContextLength, 2, nameof(o.ContextLength));
        ArgumentOutOfRangeException.ThrowIfNegative(o.PrefillBaseMs, nameof(o.PrefillBaseMs));
        ArgumentOutOfRangeException.ThrowIfNegative(o.PrefillMsPerToken, nameof(o.PrefillMsPerToken));
        ArgumentOutOfRangeException.ThrowIfNegative(o.DecodeStepBaseMs, nameof(o.DecodeStepBaseMs));
        ArgumentOutOfRangeException.ThrowIfNegative(o.DecodeStepMsPerRequest, nameof(o.DecodeStepMsPerRequest));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.StartupDelay, TimeSpan.Zero, nameof(o.StartupDelay));
        if (o.Gsm8kAccuracy is < 0 or > 1 || double.IsNaN(o.Gsm8kAccuracy))
        {
            throw new ArgumentOutOfRangeException(nameof(o.Gsm8kAccuracy), o.Gsm8kAccuracy, "Must be between 0 and 1.");
        }

        if (o.Faults.ErrorRate is < 0 or > 1 || double.IsNaN(o.Faults.ErrorRate))
        {
            throw new ArgumentOutOfRangeException(nameof(o.Faults.ErrorRate), o.Faults.ErrorRate, "Must be between 0 and 1.");
        }
    }

    private static async Task<IPAddress> ResolveAsync(string host, CancellationToken ct)
    {
        if (IPAddress.TryParse(host, out var ip))
        {
            return ip;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        var addresses = await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
        return addresses.FirstOrDefault() ?? throw new ArgumentException($"Cannot resolve host '{host}'.", nameof(host));
    }
}
