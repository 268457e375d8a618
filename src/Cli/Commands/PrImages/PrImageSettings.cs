using System.ComponentModel;
using System.Globalization;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Upstream.PrImages;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.PrImages;

/// <summary>Options of <c>sglang-ci pr-image</c>.</summary>
public sealed class PrImageSettings : ClusterSettings
{
    [CommandOption("-n|--node <NODE>")]
    [Description("Node whose runtime keeps the image (a Docker or simulated node; see `sglang-ci nodes`). Required.")]
    public string? Node { get; set; }

    [CommandOption("--image <TAG>")]
    [Description("Base image whose SGLang checkout is updated, e.g. lmsysorg/sglang:v0.5.5-rocm700-mi30x. Required.")]
    public string? Image { get; set; }

    [CommandOption("--pr <N>")]
    [Description("Pull request whose head (refs/pull/N/head) goes into the image; the image is tagged sglang-prN and sglang-prN-SHA7.")]
    public int? PullRequest { get; set; }

    [CommandOption("--branch <NAME>")]
    [Description("A branch instead of a PR; the image is tagged sglang-branch-NAME and sglang-branch-NAME-SHA7.")]
    public string? Branch { get; set; }

    [CommandOption("--remote <URL>")]
    [Description("Git remote to fetch from; default the silo's SglangCi:Upstream:GitRemote (SGLang's GitHub repository). No credentials: options are stored with the run.")]
    public string? Remote { get; set; }

    [CommandOption("--sglang-path <DIR>")]
    [Description("Where the SGLang checkout is inside the image.")]
    [DefaultValue(PrImageScript.DefaultCheckout)]
    public string SglangPath { get; set; } = PrImageScript.DefaultCheckout;

    [CommandOption("--timeout <SECONDS>")]
    [Description("The whole build (asking the remote, fetching, checking out, keeping the image) may take this long.")]
    [DefaultValue(1800)]
    public int TimeoutSeconds { get; set; } = 1800;

    [CommandOption("-w|--wait")]
    [Description("Follow the run live until it ends, then print its checks (fetch, dependencies, image tags). Exit code 0 only if the image was kept.")]
    public bool Wait { get; set; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Node))
        {
            return ValidationResult.Error("--node is required (list them with `sglang-ci nodes`)");
        }

        if (string.IsNullOrWhiteSpace(Image))
        {
            return ValidationResult.Error("--image is required: the base image whose SGLang checkout is updated");
        }

        try
        {
            _ = PrImageSource.From(PullRequest, Branch);
            if (Remote is not null && GitRemote.Parse(Remote).HasCredentials)
            {
                return ValidationResult.Error($"--remote '{GitRemote.Redact(Remote)}' carries credentials, which would be stored with the run; configure them on the node (a git credential helper, or SglangCi:Upstream:GitRemote)");
            }
        }
        catch (ArgumentException e)
        {
            return ValidationResult.Error($"{(e.Message.StartsWith("git remote", StringComparison.Ordinal) ? "--remote" : PullRequest is null ? "--branch" : "--pr")}: {e.Message}");
        }

        if (string.IsNullOrWhiteSpace(SglangPath) || !SglangPath.StartsWith('/'))
        {
            return ValidationResult.Error($"--sglang-path must be an absolute path; got '{SglangPath}'");
        }

        if (TimeoutSeconds < 1)
        {
            return ValidationResult.Error($"--timeout must be at least 1 second; got {TimeoutSeconds.ToString(CultureInfo.InvariantCulture)}");
        }

        return base.Validate();
    }

    public RunOptions ToOptions() => new()
    {
        PullRequest = PullRequest,
        Branch = Branch,
        GitRemote = string.IsNullOrWhiteSpace(Remote) ? null : Remote.Trim(),
        SglangPath = SglangPath,
        Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
    };
}
