using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SglangCi.Grains.Hosting;
using SglangCi.Grains.Nodes;
using SglangCi.Grains.Runs;
using SglangCi.Grains.Runtime;
using SglangCi.Silo.Runtimes.Simulated;
using SglangCi.Toolkit.Gsm8k;

namespace SglangCi.Silo.Runtimes;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>Named client used only to download the GSM8K test set when no local copy is configured.</summary>
    public const string DatasetHttpClient = "sglci-gsm8k-download";

    /// <summary>
    /// Registers what the grains need on this silo: the engine runtimes (simulated) and their resolver, the
    /// GSM8K dataset source (local path from env <c>SGLCI_GSM8K_PATH</c>, else <c>SglangCi:Gsm8k:DatasetPath</c>,
    /// else a cached download under the data directory), the node's command logs (<c>logs/exec</c> under the data
    /// directory unless <c>SglangCi:Nodes:ExecLogDirectory</c> says otherwise), the runs' logs (<c>logs/runs</c>, or
    /// <c>SglangCi:Runs:LogDirectory</c>), the grain services and options
    /// (<see cref="GrainServiceCollectionExtensions.AddSglangCiGrains"/>), HTTP clients and <see cref="TimeProvider.System"/>.
    /// </summary>
    /// <param name="dataDirectory">The data directory (dataset cache); default <c>SglangCi:DataDir</c>, else <c>./data</c>.</param>
    public static IServiceCollection AddSglangCiEngineRuntimes(this IServiceCollection services, IConfiguration configuration, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSglangCiGrains(configuration);
        services.AddHttpClient(DatasetHttpClient);

        var cacheDirectory = Path.GetFullPath(dataDirectory ?? configuration["SglangCi:DataDir"] ?? "data");
        var datasetPath = Environment.GetEnvironmentVariable(Gsm8kDatasetSource.EnvironmentVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : configuration[Gsm8kDatasetSource.ConfigurationKey] ?? FirstExistingCandidate(configuration);
        services.TryAddSingleton(sp => new Gsm8kDatasetSource(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(DatasetHttpClient),
            cacheDirectory,
            datasetPath));

        // Output of commands run in engine environments (bench_one_batch) is a log under the data directory.
        services.PostConfigure<GpuNodeOptions>(o => o.ExecLogDirectory ??= Path.Combine(cacheDirectory, "logs", "exec"));

        // Each run's own logs (run, server, commands) are a folder under the data directory.
        services.PostConfigure<RunGrainOptions>(o => o.LogDirectory ??= Path.Combine(cacheDirectory, "logs", "runs"));

        services.TryAddSingleton(sp => new SimulatedGpuLoad(configuration.GetSection(SimulatedEngineRuntime.SectionName)));
        services.TryAddSingleton(sp => new SimulatedEngineRuntime(
            configuration.GetSection(SimulatedEngineRuntime.SectionName),
            sp.GetRequiredService<Gsm8kDatasetSource>(),
            sp.GetRequiredService<SimulatedGpuLoad>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<RunLogFiles>(),
            cacheDirectory));
        services.AddSingleton<IEngineRuntime>(sp => sp.GetRequiredService<SimulatedEngineRuntime>());
        services.AddDockerEngineRuntime(configuration);
        services.AddProcessEngineRuntime(configuration);
        services.TryAddSingleton<IEngineRuntimeResolver, EngineRuntimeResolver>();
        return services;
    }

    /// <summary>
    /// Optional places a local copy may already be (<c>SglangCi:Gsm8k:LocalCandidates</c>, tried in order,
    /// relative to the working directory); a development checkout lists its sibling reference folder so an
    /// offline machine needs no download. None existing means: download as usual.
    /// </summary>
    private static string? FirstExistingCandidate(IConfiguration configuration) =>
        configuration.GetSection("SglangCi:Gsm8k:LocalCandidates").GetChildren()
            .Select(c => c.Value)
            .OfType<string>()
            .Select(Path.GetFullPath)
            .FirstOrDefault(File.Exists);
}
