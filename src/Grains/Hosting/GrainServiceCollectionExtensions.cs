using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SglangCi.Grains.Alerts;
using SglangCi.Grains.Analysis;
using SglangCi.Grains.Nodes;
using SglangCi.Grains.Runs;
using SglangCi.Grains.Runs.Kinds;

namespace SglangCi.Grains.Hosting;

/// <summary>The services our grains take from DI (besides the engine runtimes and the results store, which the Silo registers).</summary>
public static class GrainServiceCollectionExtensions
{
    /// <summary>
    /// Registers grain options (bound from <c>SglangCi:Nodes</c>, <c>SglangCi:Runs</c>, <c>SglangCi:Alerts</c>, <c>SglangCi:Analysis</c> when
    /// <paramref name="configuration"/> is given), the engine and alert HTTP clients, the run pipeline's
    /// services, alert delivery, and <see cref="TimeProvider.System"/> unless one is registered already.
    /// </summary>
    public static IServiceCollection AddSglangCiGrains(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var nodes = services.AddOptions<GpuNodeOptions>();
        var runs = services.AddOptions<RunGrainOptions>();
        var alerts = services.AddOptions<AlertChannelOptions>();
        var analysis = services.AddOptions<AnalysisOptions>();
        if (configuration is not null)
        {
            nodes.Bind(configuration.GetSection(GpuNodeOptions.SectionName));
            runs.Bind(configuration.GetSection(RunGrainOptions.SectionName));
            alerts.Bind(configuration.GetSection(AlertChannelOptions.SectionName));
            analysis.Bind(configuration.GetSection(AnalysisOptions.SectionName));
        }

        // A wrong analysis setting stops the start, naming the setting, instead of failing every night's analysis.
        analysis.Validate(o => o.Validated() is not null).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // Engine traffic: streams can run for many minutes, so no client-wide timeout (the toolkit times each request).
        services.AddHttpClient(RunPipelineServices.EngineHttpClient, c => c.Timeout = Timeout.InfiniteTimeSpan);

        // Webhooks: the Polly pipeline in AlertDelivery owns timeouts and retries. No HttpClient logging: a
        // Teams/Slack webhook URL carries its secret in the path, and the default handlers log request URIs.
        services.AddHttpClient(AlertDelivery.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();

        services.TryAddSingleton(sp => new RunLogFiles(sp.GetRequiredService<IOptions<RunGrainOptions>>().Value.LogDirectory ?? RunLogFiles.DefaultRoot));
        services.TryAddSingleton<RunLogWriter>();
        // Kinds that need services of the silo are registered as IRunKind by the host; the rest are built in.
        services.TryAddSingleton(sp => new RunKindCatalog(sp.GetServices<IRunKind>()));
        services.TryAddSingleton<RunPipelineServices>();
        services.TryAddSingleton<AlertDelivery>();
        return services;
    }
}
