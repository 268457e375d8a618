using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SglangCi.Grains.Analysis;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Silo.RunKinds.UpstreamCoverage;

// In the run kinds' namespace so the silo's registration needs one line and no using.
namespace SglangCi.Silo.RunKinds;

public static class UpstreamCoverageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="UpstreamCoverageKind"/> over <c>SglangCi:Upstream:Coverage</c>; its CSVs go under
    /// <paramref name="dataDirectory"/>, its card links to the dashboard named by the analysis settings.</summary>
    public static IServiceCollection AddUpstreamCoverageRunKind(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<UpstreamCoverageOptions>()
            .Bind(configuration.GetSection(UpstreamCoverageOptions.SectionName))
            .Validate(o => o.PullTimeout > TimeSpan.Zero, $"{UpstreamCoverageOptions.SectionName}:PullTimeout must be positive")
            .ValidateOnStart();
        services.AddSingleton<IRunKind>(sp => new UpstreamCoverageKind(
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<IOptions<UpstreamCoverageOptions>>().Value,
            dataDirectory,
            sp.GetService<IOptions<AnalysisOptions>>()?.Value.DashboardUrl));
        return services;
    }
}
