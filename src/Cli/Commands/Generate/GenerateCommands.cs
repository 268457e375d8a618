using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Generate;

/// <summary>The <c>generate</c> branch: made-up data for trying out and measuring the dashboard.</summary>
public static class GenerateCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddBranch("generate", branch =>
        {
            branch.SetDescription("Generate simulated data into a results database (no cluster needed).");
            branch.AddCommand<GenerateNightsCommand>("nights")
                .WithDescription("Write simulated nightly runs (phases, GSM8K gates, every load point and metric) for several hardware kinds into a SQLite file; provenance 'simulated', rerunning replaces them.")
                .WithExample("generate", "nights", "--db", "data/sglang-ci.db")
                .WithExample("generate", "nights", "--db", "data/sglang-ci.db", "--days", "30", "--hardware", "mi30x,mi35x", "--end", "2026-11-30", "--seed", "7", "--json")
                .WithExample("generate", "nights", "--db", "data/sglang-ci.db", "--delete");
        });
    }
}
