using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SglangCi.Grains.Runs;
using SglangCi.Grains.Runtime;
using SglangCi.Silo.Runtimes.Processes;

// In the runtimes' namespace so the silo's registration needs one line and no using.
namespace SglangCi.Silo.Runtimes;

public static class ProcessRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the bare-metal process runtime (options from <c>SglangCi:Process</c>; it starts nothing until a node
    /// whose inventory says <c>Process</c> asks, through <see cref="IEngineRuntimeResolver"/>) and the stop of its
    /// processes when the host stops.
    /// </summary>
    public static IServiceCollection AddProcessEngineRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ProcessRuntimeOptions>().Bind(configuration.GetSection(ProcessRuntimeOptions.SectionName));
        services.TryAddSingleton(sp => new ProcessRuntime(
            sp.GetRequiredService<IOptions<ProcessRuntimeOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ProcessRuntime>>(),
            sp.GetService<RunLogFiles>()));
        services.AddSingleton<IEngineRuntime>(sp => sp.GetRequiredService<ProcessRuntime>());
        services.AddHostedService<ProcessRuntimeShutdownService>();
        return services;
    }
}
