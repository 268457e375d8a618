using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SglangCi.Silo.RunKinds;

/// <summary>
/// The run kinds that need what only a silo has (Docker, the disks, the registry, Hugging Face, the results store),
/// registered as <see cref="Grains.Runs.Kinds.IRunKind"/>: the grains' <see cref="Grains.Runs.Kinds.RunKindCatalog"/>
/// adds them to the built-in ones.
/// </summary>
public static class RunKindServiceCollectionExtensions
{
    public static IServiceCollection AddSglangCiRunKinds(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        services.AddHousekeepingRunKind(configuration, dataDirectory);
        services.AddImageCheckRunKind(configuration);
        services.AddUpstreamCoverageRunKind(configuration, dataDirectory);
        services.AddDailySummaryRunKind();
        services.AddModelDownloadRunKind(configuration);
        services.AddPrImageRunKind(configuration);
        return services;
    }
}
