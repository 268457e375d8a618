using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Images;

/// <summary>Registers the standalone <c>images</c> commands, which read Docker Hub directly and need no cluster.</summary>
public static class ImagesCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddBranch("images", images =>
        {
            images.SetDescription("Nightly SGLang ROCm images on Docker Hub (no cluster needed): which image tonight's run would use, and whether every expected image was published.");

            images.AddCommand<ImagesFindCommand>("find")
                .WithDescription("Find the nightly image for a hardware: the first tag -<rocm>-<hw>-<YYYYMMDD> (not -srt, not -RC) for today in --time-zone; on mi30x rocm630 of the same day if rocm700 is missing; earlier nights with --continue-run-days. Exit 1 when none is found.")
                .WithExample("images", "find", "--hardware", "mi30x")
                .WithExample("images", "find", "--hardware", "mi35x", "--date", "2025-12-08", "--json")
                .WithExample("images", "find", "--hardware", "mi30x", "--continue-run-days", "2", "--rocm", "rocm700,rocm630", "--time-zone", "America/Los_Angeles")
                .WithExample("images", "find", "--hardware", "mi35x", "--repository", "rocm/sgl-dev", "--registry", "http://127.0.0.1:5000");

            images.AddCommand<ImagesCheckCommand>("check")
                .WithDescription("Check that the night's images exist and are served: mi30x rocm700 (required), mi30x rocm630 (optional), mi35x rocm700 (required). Prints ✓ AVAILABLE / ✗ NOT FOUND / ✗ FOUND BUT NOT PULLABLE and a summary (ok, warning: 1 required missing, error: 2 or more); exit 0 iff no required image is missing.")
                .WithExample("images", "check")
                .WithExample("images", "check", "--date", "2025-12-08", "--days", "3")
                .WithExample("images", "check", "--json")
                .WithExample("images", "check", "--registry", "http://127.0.0.1:5000", "--repository", "rocm/sgl-dev");
        });
    }
}
