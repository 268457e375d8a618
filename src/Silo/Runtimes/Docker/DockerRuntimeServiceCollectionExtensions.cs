using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SglangCi.Grains.Runs;
using SglangCi.Grains.Runtime;
using SglangCi.Silo.Runtimes.Docker;

// In the runtimes' namespace so the silo's registration needs one line and no using.
namespace SglangCi.Silo.Runtimes;

public static class DockerRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Docker engine runtime (options from <c>SglangCi:Docker</c>; it connects on first use, so a silo
    /// without Docker nodes never talks to Docker) and the start-up reconciliation of this node's leftover containers.
    /// Nodes whose inventory says <c>Docker</c> get it through <see cref="IEngineRuntimeResolver"/>.
    /// </summary>
    public static IServiceCollection AddDockerEngineRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DockerRuntimeOptions>().Bind(configuration.GetSection(DockerRuntimeOptions.SectionName));
        services.TryAddSingleton(sp => new DockerConnection(sp.GetRequiredService<IOptions<DockerRuntimeOptions>>().Value));
        services.TryAddSingleton<DockerReconciler>();
        services.TryAddSingleton(sp => new DockerRuntime(
            sp.GetRequiredService<DockerConnection>(),
            sp.GetRequiredService<IOptions<DockerRuntimeOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DockerRuntime>>(),
            sp.GetService<RunLogFiles>()));
        services.AddSingleton<IEngineRuntime>(sp => sp.GetRequiredService<DockerRuntime>());
        services.AddHostedService<DockerReconcileHostedService>();
        return services;
    }
}
