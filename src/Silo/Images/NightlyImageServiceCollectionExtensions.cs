using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SglangCi.Grains.Schedules;
using SglangCi.Toolkit.Images;

namespace SglangCi.Silo.Images;

public static class NightlyImageServiceCollectionExtensions
{
    /// <summary>Configuration key of the registry API root; default <see cref="DockerHubTagClient.DefaultRegistry"/>.</summary>
    public const string RegistryKey = "SglangCi:Images:Registry";

    public const string HttpClientName = "sglci-nightly-images";

    /// <summary>A schedule's firing waits for its lookups, so a registry that hangs must not hold it for long.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Registers <see cref="INightlyImageSource"/> over Docker Hub at <c>SglangCi:Images:Registry</c>.</summary>
    public static IServiceCollection AddSglangCiNightlyImages(this IServiceCollection services, IConfiguration configuration)
    {
        var registry = ResolveRegistry(configuration);
        services.AddNightlyImagesHttpClient();
        services.TryAddSingleton<INightlyImageSource>(sp =>
            new DockerHubNightlyImageSource(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), registry));
        return services;
    }

    /// <summary>The registry API root at <c>SglangCi:Images:Registry</c>, else <see cref="DockerHubTagClient.DefaultRegistry"/>.</summary>
    public static Uri ResolveRegistry(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[RegistryKey] is { Length: > 0 } configured
            ? new Uri(configured, UriKind.Absolute)
            : DockerHubTagClient.DefaultRegistry;
    }

    /// <summary>The named client (<see cref="HttpClientName"/>) every registry lookup of the silo goes through.</summary>
    public static IServiceCollection AddNightlyImagesHttpClient(this IServiceCollection services)
    {
        services.AddHttpClient(HttpClientName, c => c.Timeout = RequestTimeout);
        return services;
    }
}
