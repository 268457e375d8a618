using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Silo.Upstream;

// In the run kinds' namespace so the silo's registration needs one line and no using.
namespace SglangCi.Silo.RunKinds;

public static class PrImageKindServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PrImageKind"/> with the silo's git remote (<c>SglangCi:Upstream:GitRemote</c>), replacing the
    /// built-in one that only knows SGLang's public repository. A remote that could not be put into a script safely stops
    /// the silo at start, naming the setting.
    /// </summary>
    public static IServiceCollection AddPrImageRunKind(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UpstreamOptions>()
            .Bind(configuration.GetSection(UpstreamOptions.SectionName))
            .Validate(o => IsRemote(o.GitRemote), $"{UpstreamOptions.SectionName}:GitRemote must be a git URL or path (not empty, no leading '-', no control characters)")
            .ValidateOnStart();
        services.AddSingleton<IRunKind>(sp => new PrImageKind(sp.GetRequiredService<IOptions<UpstreamOptions>>().Value.GitRemote));
        return services;
    }

    private static bool IsRemote(string? remote)
    {
        try
        {
            _ = Toolkit.Upstream.PrImages.GitRemote.Parse(remote);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
