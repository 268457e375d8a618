using System.ComponentModel;
using SglangCi.Cli.Cluster;
using SglangCi.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands;

/// <summary><c>show</c>: everything recorded about one run.</summary>
public sealed class ShowCommand : ClusterCommand<ShowCommand.Settings>
{
    public sealed class Settings : ClusterSettings
    {
        [CommandArgument(0, "<RUN_ID>")]
        [Description("Run id as printed by `sglang-ci run` or `sglang-ci runs`.")]
        public string RunId { get; set; } = "";

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(RunId) ? ValidationResult.Error("RUN_ID is required") : base.Validate();
    }

    protected override async Task<int> ExecuteAsync(IGrainFactory grains, Settings settings, CancellationToken cancellationToken)
    {
        var details = await RunLookup.GetDetailsAsync(grains, settings.RunId);
        if (details is null)
        {
            Console.Error.WriteLine($"error: no run with id '{settings.RunId}' (list them with `sglang-ci runs`)");
            return ExitCodes.BadArguments;
        }

        Print(settings, RunDetailsJson.From(details), () => RunDetailsView.Render(Consoles.Out, details));
        return ExitCodes.Success;
    }
}
