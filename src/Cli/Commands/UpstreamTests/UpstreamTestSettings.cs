using System.ComponentModel;
using System.Globalization;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Upstream.Tests;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.UpstreamTests;

/// <summary>Options of <c>sglang-ci upstream-test</c>.</summary>
public sealed class UpstreamTestSettings : ClusterSettings
{
    [CommandOption("-n|--node <NODE>")]
    [Description("GPU node to run on (see `sglang-ci nodes`). Required.")]
    public string? Node { get; set; }

    [CommandOption("--image <TAG>")]
    [Description("Image whose SGLang checkout holds the tests, e.g. rocm/sgl-dev:v0.5.5-rocm700-mi30x-20251130. Required (on a simulated node any name works).")]
    public string? Image { get; set; }

    [CommandOption("-t|--test <FILE>")]
    [Description("A test file relative to the checkout's test/srt (test_abort.py, lora/test_lora.py), or to the checkout when it starts with test/ (test/registered/core/test_abort.py). Repeatable; run in the order given.")]
    public string[] Tests { get; set; } = [];

    [CommandOption("--timeout <SECONDS>")]
    [Description("Per test file: TERM after this long, KILL a minute later; the test counts as timed out.")]
    [DefaultValue(1800)]
    public int TimeoutSeconds { get; set; } = 1800;

    [CommandOption("--gpus <N>")]
    [Description("GPUs to lease for the tests (the old --num-gpus); default all of the node's.")]
    public int? Gpus { get; set; }

    [CommandOption("--sglang-path <DIR>")]
    [Description("Where the SGLang checkout is inside the image.")]
    [DefaultValue("/sgl-workspace/sglang")]
    public string SglangPath { get; set; } = "/sgl-workspace/sglang";

    [CommandOption("-e|--env <NAME=VALUE>")]
    [Description("An environment entry for the tests, on top of the AMD CI ones (SGLANG_AMD_CI=1 …, AMD nodes only); repeatable. Stored with the run: never a secret.")]
    public string[] Environment { get; set; } = [];

    [CommandOption("-w|--wait")]
    [Description("Follow the run live until it ends, then print every test's result. Exit code 0 only if every test passed.")]
    public bool Wait { get; set; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Node))
        {
            return ValidationResult.Error("--node is required (list them with `sglang-ci nodes`)");
        }

        if (string.IsNullOrWhiteSpace(Image))
        {
            return ValidationResult.Error("--image is required: the tests run from that image's SGLang checkout");
        }

        if (Tests.Length == 0)
        {
            return ValidationResult.Error("at least one --test FILE is required, e.g. --test test_abort.py");
        }

        foreach (var test in Tests)
        {
            try
            {
                UpstreamTestFile.Parse(test);
            }
            catch (ArgumentException e)
            {
                return ValidationResult.Error($"--test: {e.Message}");
            }
        }

        if (TimeoutSeconds < 1)
        {
            return ValidationResult.Error($"--timeout must be at least 1 second; got {TimeoutSeconds.ToString(CultureInfo.InvariantCulture)}");
        }

        if (Gpus is < 1)
        {
            return ValidationResult.Error($"--gpus must be at least 1; got {Gpus.Value.ToString(CultureInfo.InvariantCulture)}");
        }

        if (string.IsNullOrWhiteSpace(SglangPath) || !SglangPath.StartsWith('/') || SglangPath.Contains('\'', StringComparison.Ordinal))
        {
            return ValidationResult.Error($"--sglang-path must be an absolute path without quotes; got '{SglangPath}'");
        }

        if (Environment.FirstOrDefault(e => e.IndexOf('=', StringComparison.Ordinal) < 1) is { } bad)
        {
            return ValidationResult.Error($"--env '{bad}' is not NAME=VALUE");
        }

        // The kind refuses these too; saying so here spares a queued run that can only fail.
        if (Environment.Select(e => e.Split('=', 2)[0]).FirstOrDefault(k => JobEnvironment.ReservedReason(k) is not null) is { } reserved)
        {
            return ValidationResult.Error($"--env '{reserved}' is not allowed: {JobEnvironment.ReservedReason(reserved)}");
        }

        return base.Validate();
    }

    public RunOptions ToOptions() => new()
    {
        Tests = [.. Tests.Select(t => t.Trim())],
        Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
        Gpus = Gpus,
        SglangPath = SglangPath,
        Environment = Environment.Length == 0
            ? null
            : Environment.Select(e => e.Split('=', 2)).GroupBy(e => e[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal),
    };
}
