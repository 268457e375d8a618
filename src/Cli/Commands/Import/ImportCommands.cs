using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Import;

/// <summary>The <c>import</c> branch: the old CI's history into SglangCi.</summary>
public static class ImportCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("import", branch =>
        {
            branch.SetDescription("Import the old SGLang CI's history (its log tree or its SQLite DB); re-importing adds only what is new.");
            branch.AddCommand<SeedLogsImportCommand>("seed-logs")
                .WithDescription("Import the old CI's log tree: online runs (every load point and repetition), GSM8K gates, summaries, cron logs, sanity, PD and unit tests, image checks, coverage reports.")
                .WithExample("import", "seed-logs", "/data/sglang-ci-log")
                .WithExample("import", "seed-logs", "../shared/seed-history", "--db", "data/sglang-ci.db")
                .WithExample("import", "seed-logs", "/data/sglang-ci-log", "--json");
            branch.AddCommand<SeedDbImportCommand>("seed-db")
                .WithDescription("Import the old CI's ci_dashboard.db as status history (provenance seed-db).")
                .WithExample("import", "seed-db", "/data/ci_dashboard.db")
                .WithExample("import", "seed-db", "../shared/seed-history/database/ci_dashboard.db", "--db", "data/sglang-ci.db");
        });
    }
}
