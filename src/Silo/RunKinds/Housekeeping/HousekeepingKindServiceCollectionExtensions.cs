using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Silo.RunKinds.Housekeeping;
using SglangCi.Silo.Runtimes.Docker;

// In the run kinds' namespace so the silo's registration needs one line and no using.
namespace SglangCi.Silo.RunKinds;

public static class HousekeepingKindServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="HousekeepingKind"/>: Docker clean-up options from <c>SglangCi:Docker:Housekeeping</c>, disk
    /// checks from <c>SglangCi:Housekeeping</c>, the data directory always checked. Docker clean-up needs the Docker
    /// runtime's <see cref="DockerConnection"/> (registered with the engine runtimes; it connects on first use only).
    /// </summary>
    public static IServiceCollection AddHousekeepingRunKind(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        services.AddOptions<HousekeepingOptions>().Bind(configuration.GetSection(HousekeepingOptions.SectionName));
        services.AddOptions<HousekeepingKindOptions>().Bind(configuration.GetSection(HousekeepingKindOptions.SectionName));
        services.AddSingleton<IRunKind>(sp =>
        {
            var connection = sp.GetService<DockerConnection>();
            var docker = connection is null
                ? null
                : new DockerHousekeeping(
                    connection,
                    sp.GetRequiredService<IOptions<HousekeepingOptions>>().Value,
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<ILogger<DockerHousekeeping>>());
            return new HousekeepingKind(docker, sp.GetRequiredService<IOptions<HousekeepingKindOptions>>().Value, Path.GetFullPath(dataDirectory));
        });
        return services;
    }
}
