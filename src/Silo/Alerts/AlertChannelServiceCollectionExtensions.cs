using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SglangCi.Silo.Alerts;

public static class AlertChannelServiceCollectionExtensions
{
    /// <summary>Reads the configured alert channels now (a mistake fails the start here, naming channel and key) and
    /// configures them once the silo is up.</summary>
    public static IServiceCollection AddSglangCiAlertChannels(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddSingleton(AlertChannelSettings.Read(configuration, dataDirectory));
        services.PostConfigure<SglangCi.Grains.Alerts.AlertChannelOptions>(o => o.FileRoot ??= dataDirectory);
        services.AddHostedService<AlertChannelConfigurator>();
        return services;
    }
}
