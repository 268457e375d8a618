using Microsoft.Extensions.DependencyInjection;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Grains.Storage;
using SglangCi.Silo.RunKinds.DailySummary;

// In the run kinds' namespace so the registration of every kind needs one line and no using.
namespace SglangCi.Silo.RunKinds;

public static class DailySummaryServiceCollectionExtensions
{
    /// <summary>Registers <see cref="DailySummaryKind"/> over the silo's results store, the cluster's schedules and its regression watches.</summary>
    public static IServiceCollection AddDailySummaryRunKind(this IServiceCollection services)
    {
        services.AddSingleton<IRunKind>(sp => new DailySummaryKind(
            sp.GetRequiredService<IResultsStore>(),
            new GrainNightScheduleSource(sp.GetRequiredService<IGrainFactory>()),
            new GrainNightAnalyzer(sp.GetRequiredService<IGrainFactory>())));
        return services;
    }
}
