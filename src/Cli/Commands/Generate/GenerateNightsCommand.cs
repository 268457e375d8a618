using System.ComponentModel;
using System.Globalization;
using SglangCi.Cli.Output;
using SglangCi.Silo.Seeding;
using SglangCi.Silo.Storage.Simulation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Generate;

/// <summary>
/// <c>generate nights --db FILE</c>: writes simulated nights (runs, phases, GSM8K gates and trials, every load point)
/// straight into a SQLite results file, with a progress bar on stderr. Deterministic from <c>--seed</c>; rerunning
/// replaces the same runs; <c>--delete</c> removes every simulated run instead.
/// </summary>
public sealed class GenerateNightsCommand : AsyncCommand<GenerateNightsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption(DatabaseFileOption.Template)]
        [Description("The SglangCi SQLite file to write into (e.g. data/sglang-ci.db); created and migrated if missing.")]
        public string? Database { get; set; }

        [CommandOption(DatabaseFileOption.PostgresTemplate)]
        [Description(DatabaseFileOption.PostgresDescription)]
        public string? Postgres { get; set; }

        [CommandOption("--days <N>")]
        [Description("How many nights, ending at --end.")]
        [DefaultValue(SimulationOptions.DefaultDays)]
        public int Days { get; set; } = SimulationOptions.DefaultDays;

        [CommandOption("--hardware <KINDS>")]
        [Description("Comma-separated hardware kinds (lower-case letters and digits, as in an image tag). Default: mi30x,mi35x,mi325x,mi350x.")]
        public string? Hardware { get; set; }

        [CommandOption("--end <DATE>")]
        [Description("The last night's image date, YYYY-MM-DD. Default: today (UTC).")]
        public string? End { get; set; }

        [CommandOption("--seed <N>")]
        [Description("The random seed; the same seed and options give the same rows.")]
        [DefaultValue(SimulationOptions.DefaultSeed)]
        public int Seed { get; set; } = SimulationOptions.DefaultSeed;

        [CommandOption("--delete")]
        [Description("Remove every simulated run (provenance 'simulated') and its rows instead of generating.")]
        public bool Delete { get; set; }

        [CommandOption("--json")]
        [Description("Print machine-readable JSON on stdout.")]
        public bool Json { get; set; }

        public IReadOnlyList<string> HardwareKinds => Hardware is null
            ? SimulationOptions.DefaultHardware
            : Hardware.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Database) == string.IsNullOrWhiteSpace(Postgres))
            {
                return ValidationResult.Error("give one of --db (a SQLite file) or --postgres (a cluster's database) to write the nights into.");
            }

            if (Days is < 1 or > 3660)
            {
                return ValidationResult.Error("--days must be between 1 and 3660.");
            }

            if (End is not null && DateArguments.Parse(End) is null)
            {
                return ValidationResult.Error(DateArguments.Error("--end", End));
            }

            var kinds = HardwareKinds;
            if (kinds.Count == 0 || kinds.Distinct(StringComparer.Ordinal).Count() != kinds.Count)
            {
                return ValidationResult.Error("--hardware must name at least one hardware kind, each once (e.g. mi30x,mi35x).");
            }

            var bad = kinds.FirstOrDefault(k => !k.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9')));
            return bad is not null
                ? ValidationResult.Error($"--hardware: '{bad}' is not a hardware kind of an image tag (lower-case letters and digits, e.g. mi30x).")
                : ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var database = DatabaseFileOption.Open(settings.Database, settings.Postgres, mustExist: false);
        var writer = new SimulatedNightsWriter(database);
        if (settings.Delete)
        {
            var removed = await writer.DeleteAllAsync(cancellationToken);
            if (settings.Json)
            {
                JsonOutput.Write(new { deletedRuns = removed });
            }
            else
            {
                Consoles.Out.MarkupLine(CultureInfo.InvariantCulture, "Removed {0:N0} simulated run(s) and their rows.", removed);
            }

            return ExitCodes.Success;
        }

        var end = settings.End is { } text ? DateArguments.Parse(text)!.Value : DateOnly.FromDateTime(DateTime.UtcNow);
        var simulator = new NightSimulator(new SimulationOptions(end, settings.Days, settings.HardwareKinds, settings.Seed), SeedCatalog.Presets());
        SimulationReport? report = null;
        await Consoles.CreateError().Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("generate nights", maxValue: Math.Max(1, simulator.NightCount));
                report = await writer.WriteAsync(simulator, new Progress(task), cancellationToken);
                task.Value = task.MaxValue;
            });

        if (settings.Json)
        {
            JsonOutput.Write(report!);
        }
        else
        {
            Render(report!);
        }

        return ExitCodes.Success;
    }

    private static void Render(SimulationReport report)
    {
        var console = Consoles.Out;
        var table = new Table()
            .Title(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"simulated nights {report.First:yyyy-MM-dd} … {report.Last:yyyy-MM-dd} · {string.Join(", ", report.Hardware)} · seed {report.Seed}")))
            .AddColumn("rows").AddColumn(new TableColumn("written").RightAligned());
        table.AddRow("nights (hardware × day)", N(report.Nights));
        table.AddRow("runs", N(report.Runs));
        foreach (var (status, count) in report.RunsByStatus)
        {
            table.AddRow("  " + Markup.Escape(status), N(count));
        }

        table.AddRow("phases", N(report.Phases));
        table.AddRow("GSM8K gates", N(report.Gates));
        table.AddRow("GSM8K trials", N(report.Trials));
        table.AddRow("benchmark points", N(report.Points));
        console.Write(table);
        console.MarkupLine(CultureInfo.InvariantCulture, "written in {0:0.00} s (provenance 'simulated'; remove with --delete)", report.Elapsed.TotalSeconds);
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private sealed class Progress(ProgressTask task) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value)
        {
            task.MaxValue = Math.Max(1, value.NightsTotal);
            task.Value = Math.Min(value.NightsDone, task.MaxValue);
            task.Description = value.Night is { } night
                ? string.Create(CultureInfo.InvariantCulture, $"generate · {night:yyyy-MM-dd}")
                : "generate nights";
        }
    }
}
