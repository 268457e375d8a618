using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using SglangCi.Interfaces;
using SglangCi.Silo.Cluster;

namespace SglangCi.Cli.Cluster;

/// <summary>An Orleans client connected to the cluster for the life of one command.</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    // Long enough for a silo under load, short enough that a typo in --gateway does not look like a hang.
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);

    private readonly IHost _host;

    private ClusterConnection(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }

    public static async Task<ClusterConnection> ConnectAsync(ClusterTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        Action<IClientBuilder> clustering;
        switch (target)
        {
            case ClusterTarget.Gateway { Endpoint: var gateway }:
                var endpoint = await gateway.ResolveAsync(cancellationToken);
                await GatewayProbe.EnsureReachableAsync(gateway, endpoint, cancellationToken);
                clustering = client => client.UseStaticClustering(endpoint).Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = ClusterIdentity.DefaultClusterId;
                    options.ServiceId = ClusterIdentity.ServiceId;
                });
                break;
            case ClusterTarget.Postgres postgres:
                await ClusterGatewayCheck.EnsureGatewaysAsync(postgres, cancellationToken);
                clustering = client => client.UseSglangCiClusterGateways(postgres.ConnectionString, postgres.ClusterId);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target, "unknown cluster target");
        }

        // No default configuration sources or log providers: the CLI's console belongs to its output, and
        // an ASPNETCORE_/DOTNET_ variable in the user's shell should not reconfigure the client.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        ClientLogging.Configure(builder.Logging);
        builder.UseOrleansClient(clustering);

        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            throw target switch
            {
                ClusterTarget.Gateway { Endpoint: var gateway } => new GatewayUnreachableException(gateway, inner: exception),
                ClusterTarget.Postgres postgres => new GatewayUnreachableException(postgres, $"no gateway answered: {exception.Message}"),
                _ => exception,
            };
        }

        return new ClusterConnection(host);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _host.StopAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
        {
            // The command's result is already printed; a slow goodbye to the gateway must not change the exit code.
        }

        _host.Dispose();
    }
}
