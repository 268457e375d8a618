using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Silo.Images;
using SglangCi.Silo.RunKinds.ImageCheck;
using SglangCi.Toolkit.Images;

// In the run kinds' namespace so the silo's registration needs one line and no using.
namespace SglangCi.Silo.RunKinds;

public static class ImageCheckKindServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ImageCheckKind"/> over the silo's registry (<c>SglangCi:Images:Registry</c>, through the
    /// nightly images' named HTTP client) and <c>SglangCi:ImageCheck</c>.
    /// </summary>
    public static IServiceCollection AddImageCheckRunKind(this IServiceCollection services, IConfiguration configuration)
    {
        var registry = NightlyImageServiceCollectionExtensions.ResolveRegistry(configuration);
        services.AddNightlyImagesHttpClient();
        services.AddOptions<ImageCheckOptions>()
            .Bind(configuration.GetSection(ImageCheckOptions.SectionName))
            .Validate(o => IsRepository(o.Repository), $"{ImageCheckOptions.SectionName}:Repository must be a Docker Hub repository like rocm/sgl-dev")
            .ValidateOnStart();
        services.AddSingleton<IRunKind>(sp =>
        {
            var http = sp.GetRequiredService<IHttpClientFactory>();
            return new ImageCheckKind(
                () => new DockerHubTagClient(http.CreateClient(NightlyImageServiceCollectionExtensions.HttpClientName), registry),
                sp.GetRequiredService<IOptions<ImageCheckOptions>>().Value);
        });
        return services;
    }

    private static bool IsRepository(string? text)
    {
        try
        {
            _ = ImageRepository.Parse(text ?? "");
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
