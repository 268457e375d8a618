using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Silo.RunKinds.ModelDownload;
using SglangCi.Toolkit.Downloads;

// In the run kinds' namespace so the registration of every kind needs one line and no using.
namespace SglangCi.Silo.RunKinds;

public static class ModelDownloadServiceCollectionExtensions
{
    /// <summary>Named client for the Hub: no overall timeout (a shard takes many minutes; the client catches stalls per read).</summary>
    public const string HttpClientName = "sglci-model-download";

    /// <summary>Registers <see cref="ModelDownloadKind"/> with <c>SglangCi:Downloads</c> (<see cref="ModelDownloadSettings"/>);
    /// the catalog is the one built into the Toolkit unless <c>SglangCi:Downloads:Catalog</c> names a file.</summary>
    public static IServiceCollection AddModelDownloadRunKind(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = configuration.GetSection(ModelDownloadSettings.SectionName).Get<ModelDownloadSettings>() ?? new ModelDownloadSettings();
        services.AddHttpClient(HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        var catalog = new Lazy<ModelDownloadCatalog>(() =>
            settings.Catalog is { Length: > 0 } path ? ModelDownloadCatalog.Load(path) : ModelDownloadCatalog.LoadShipped(),
            LazyThreadSafetyMode.PublicationOnly);
        services.AddSingleton<IRunKind>(sp =>
        {
            var clients = sp.GetRequiredService<IHttpClientFactory>();
            return new ModelDownloadKind(settings, () => catalog.Value, () => clients.CreateClient(HttpClientName));
        });
        return services;
    }
}
