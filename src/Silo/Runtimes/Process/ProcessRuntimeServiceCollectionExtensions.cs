using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SglangCi.Grains.Runs;
using SglangCi.Grains.Runtime;
using SglangCi.Silo.Hosting;
using SglangCi.Silo.Runtimes.Processes;
using SglangCi.Silo.Storage;

// In the runtimes' namespace so the silo's registration needs one line and no using.
namespace SglangCi.Silo.Runtimes;

public static class ProcessRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the bare-metal process runtime (options from <c>SglangCi:Process</c>; it starts nothing until a node
    /// whose inventory says <c>Process</c> asks, through <see cref="IEngineRuntimeResolver"/>) and the stop of its
    /// processes when the host stops, and the stop of a crashed silo's leftover processes when it starts
    /// (<see cref="ProcessReconciler"/>; records under <c>SglangCi:Process:StateDirectory</c>, default
    /// <c>process-runtime</c> under the data directory).
    /// </summary>
    public static IServiceCollection AddProcessEngineRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ProcessRuntimeOptions>()
            .Bind(configuration.GetSection(ProcessRuntimeOptions.SectionName))
            .PostConfigure<IServiceProvider>((o, sp) => o.StateDirectory ??= Path.Combine(DataDirectory(sp, configuration), "process-runtime"));
        services.TryAddSingleton(sp => new ProcessRuntime(
            sp.GetRequiredService<IOptions<ProcessRuntimeOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ProcessRuntime>>(),
            sp.GetService<RunLogFiles>()));
        services.AddSingleton<IEngineRuntime>(sp => sp.GetRequiredService<ProcessRuntime>());
        services.TryAddSingleton(sp => new ProcessReconciler(sp.GetRequiredService<ProcessRuntime>(), sp.GetRequiredService<ILogger<ProcessReconciler>>()));
        services.AddHostedService<ProcessReconcileHostedService>();
        services.AddHostedService<ProcessRuntimeShutdownService>();
        return services;
    }

    /// <summary>The silo's data directory as resolved at start-up; without one (a host built otherwise) the resolver's rule, nothing created.</summary>
    private static string DataDirectory(IServiceProvider services, IConfiguration configuration) =>
        services.GetService<SglangCiEnvironment>()?.DataDirectory
        ?? Path.GetFullPath(new[] { Environment.GetEnvironmentVariable(DataDirectoryResolver.EnvironmentVariable), configuration[DataDirectoryResolver.ConfigurationKey] }
            .FirstOrDefault(d => !string.IsNullOrWhiteSpace(d))?.Trim() ?? DataDirectoryResolver.DefaultDirectory);
}
