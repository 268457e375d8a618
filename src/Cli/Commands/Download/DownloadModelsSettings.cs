using System.ComponentModel;
using SglangCi.Toolkit.Downloads;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Download;

/// <summary>Options of <c>sglang-ci download-models</c>, named as the old <c>download_models.sh</c> where it had them.</summary>
public sealed class DownloadModelsSettings : CommandSettings
{
    /// <summary>Default base directory when neither <c>--base-dir</c> nor <c>BASE_DIR</c> is given (as the old script).</summary>
    public const string DefaultBaseDirectory = "/data";

    [CommandOption("--all")]
    [Description("Every model of the catalog (with --hardware: every model that hardware needs).")]
    public bool All { get; set; }

    [CommandOption("--model <KEY>")]
    [Description("A catalog key, e.g. GROK1-INT4 (case-insensitive); repeatable.")]
    public string[] Models { get; set; } = [];

    [CommandOption("--hardware <HW>")]
    [Description("mi30x or mi35x: that hardware's models plus the shared ones.")]
    public string? Hardware { get; set; }

    [CommandOption("--base-dir <DIR>")]
    [Description("Where models go, each under its catalog localDir (default BASE_DIR, else /data).")]
    public string? BaseDir { get; set; }

    [CommandOption("--catalog <FILE>")]
    [Description("A models.json to use instead of deploy/downloads/models.json (found above the app, else the copy built into it).")]
    public string? Catalog { get; set; }

    [CommandOption("--endpoint <URL>")]
    [Description("Hub or mirror root (default HF_ENDPOINT, else https://huggingface.co).")]
    public string? Endpoint { get; set; }

    [CommandOption("--revision <REV>")]
    [Description("Branch, tag or commit for every model (default: the catalog's, else main).")]
    public string? Revision { get; set; }

    [CommandOption("--token-env <NAME>")]
    [Description("Environment variable holding the access token for gated repos; the value is never printed.")]
    [DefaultValue(HuggingFaceOptions.DefaultTokenVariable)]
    public string TokenEnv { get; set; } = HuggingFaceOptions.DefaultTokenVariable;

    [CommandOption("--parallel-files <N>")]
    [Description("Files downloaded at the same time per model.")]
    [DefaultValue(4)]
    public int ParallelFiles { get; set; } = 4;

    [CommandOption("--dry-run")]
    [Description("Ask the Hub what would be downloaded (files, sizes, what is already there); write nothing.")]
    public bool DryRun { get; set; }

    [CommandOption("--status")]
    [Description("Show, offline, whether each model is present, partial or missing, with sizes on disk.")]
    public bool Status { get; set; }

    [CommandOption("--verify")]
    [Description("Hash files that look complete instead of trusting their size (slow: reads every byte).")]
    public bool Verify { get; set; }

    [CommandOption("--json")]
    [Description("Print the result as JSON on stdout (no progress bar).")]
    public bool Json { get; set; }

    /// <summary>The base directory after applying BASE_DIR and the default.</summary>
    public string ResolveBaseDirectory(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var configured = string.IsNullOrWhiteSpace(BaseDir) ? environment("BASE_DIR") : BaseDir;
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? DefaultBaseDirectory : configured);
    }

    public override ValidationResult Validate()
    {
        if (All && Models.Length > 0)
        {
            return ValidationResult.Error("Use either --all or --model, not both.");
        }

        if (Status && DryRun)
        {
            return ValidationResult.Error("Use either --status (offline) or --dry-run (asks the Hub), not both.");
        }

        if (!All && Models.Length == 0 && Hardware is null && !Status)
        {
            return ValidationResult.Error("Choose what to download: --all, --model KEY or --hardware HW (or --status to see what is there).");
        }

        if (Models.Any(string.IsNullOrWhiteSpace) || Hardware is { Length: 0 } || TokenEnv.Length == 0)
        {
            return ValidationResult.Error("--model, --hardware and --token-env must not be empty.");
        }

        if (Endpoint is not null && (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            return ValidationResult.Error($"--endpoint '{Endpoint}' is not an http(s) URL.");
        }

        return ParallelFiles < 1 ? ValidationResult.Error("--parallel-files must be at least 1.") : ValidationResult.Success();
    }
}
