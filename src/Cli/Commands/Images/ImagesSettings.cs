using System.ComponentModel;
using SglangCi.Toolkit.Images;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Images;

/// <summary>Options both <c>images</c> commands share: where to look, for which night, and how to print.</summary>
public abstract class ImagesSettings : CommandSettings
{
    [CommandOption("--date <YYYY-MM-DD>")]
    [Description("The night to look for (default: today in --time-zone, as the nightly crons count days).")]
    public string? Date { get; set; }

    [CommandOption("--time-zone <IANA>")]
    [Description("Time zone that decides \"today\" when --date is not given.")]
    [DefaultValue(NightlyDate.DefaultTimeZoneId)]
    public string TimeZone { get; set; } = NightlyDate.DefaultTimeZoneId;

    [CommandOption("--repository <NAMESPACE/NAME>")]
    [Description("Docker Hub repository the nightlies are pushed to.")]
    [DefaultValue("rocm/sgl-dev")]
    public string Repository { get; set; } = "rocm/sgl-dev";

    [CommandOption("--registry <URL>")]
    [Description("Root of the Docker Hub API (default https://hub.docker.com); a mirror or a test server.")]
    public string? Registry { get; set; }

    [CommandOption("--json")]
    [Description("Print the result as JSON on stdout (no status line, no colours).")]
    public bool Json { get; set; }

    public ImageRepository ImageRepository => Toolkit.Images.ImageRepository.Parse(Repository);

    public Uri RegistryUrl => Registry is null ? DockerHubTagClient.DefaultRegistry : new Uri(Registry, UriKind.Absolute);

    /// <summary>The night asked for: <c>--date</c>, else today in <c>--time-zone</c> by the system clock.</summary>
    public DateOnly Night(TimeProvider clock) => Date is null ? NightlyDate.Today(clock, TimeZone) : DateArguments.Parse(Date)!.Value;

    public override ValidationResult Validate()
    {
        if (Date is not null && DateArguments.Parse(Date) is null)
        {
            return ValidationResult.Error(DateArguments.Error("--date", Date));
        }

        try
        {
            _ = NightlyDate.FindZone(TimeZone);
            _ = ImageRepository;
        }
        catch (ArgumentException ex)
        {
            return ValidationResult.Error(ex.Message);
        }

        if (Registry is not null
            && (!Uri.TryCreate(Registry, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            return ValidationResult.Error($"--registry '{Registry}' is not an http(s) URL.");
        }

        return ValidationResult.Success();
    }
}
