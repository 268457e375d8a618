using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SglangCi.Cli.Output;
using SglangCi.Silo.Storage.History;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Bench;

/// <summary>
/// <c>bench import DIR</c>: how long importing the old CI's log tree takes into a fresh SQLite file (everything
/// parsed and written), and how long importing it again takes (nothing new: the ledger skips every unit). Repeats
/// each measurement and reports the median, so one slow disk read does not decide the figure.
/// </summary>
public sealed class ImportBenchCommand : AsyncCommand<ImportBenchCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("The old CI's log tree (e.g. ../shared/seed-history).")]
        public string Directory { get; set; } = string.Empty;

        [CommandOption("--repeat <N>")]
        [Description("Measure each import this many times (a fresh database for each full import).")]
        [DefaultValue(3)]
        public int Repeat { get; set; } = 3;

        [CommandOption("--json")]
        [Description("Print machine-readable JSON on stdout.")]
        public bool Json { get; set; }

        public override ValidationResult Validate() =>
            !System.IO.Directory.Exists(Directory) ? ValidationResult.Error($"The folder '{Directory}' does not exist.")
            : Repeat < 1 ? ValidationResult.Error("--repeat must be at least 1.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(settings.Directory);
        var work = Path.Combine(Path.GetTempPath(), "sglci-bench-import-" + Guid.NewGuid().ToString("N"));
        var full = new List<double>();
        var again = new List<double>();
        long rows = 0;
        int units = 0;
        try
        {
            for (var i = 0; i < settings.Repeat; i++)
            {
                var database = DatabaseFileOption.Open(Path.Combine(work, $"run{i}", "sglang-ci.db"), mustExist: false);

                // Migrations are set-up, not import: run them before the clock starts.
                await (await database.OpenAsync(cancellationToken)).DisposeAsync();
                var importer = new SeedLogImporter(database);
                var clock = Stopwatch.StartNew();
                var first = await importer.ImportAsync(root, force: false, null, cancellationToken);
                full.Add(clock.Elapsed.TotalSeconds);
                clock.Restart();
                var second = await importer.ImportAsync(root, force: false, null, cancellationToken);
                again.Add(clock.Elapsed.TotalSeconds);
                if (second.Imported != 0)
                {
                    throw new InvalidOperationException($"The re-import imported {second.Imported} unit(s); it should skip every unit.");
                }

                (rows, units) = (first.RowsWritten, first.Imported);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TryDelete(work);
        }

        var result = new
        {
            tree = root,
            units,
            rows,
            repeat = settings.Repeat,
            importSeconds = Median(full),
            reimportSeconds = Median(again),
            importRuns = full,
            reimportRuns = again,
        };
        if (settings.Json)
        {
            JsonOutput.Write(result);
        }
        else
        {
            var table = new Table().AddColumn("measurement").AddColumn(new TableColumn("median (s)").RightAligned()).AddColumn("runs (s)");
            table.AddRow($"import {units:N0} units, {rows:N0} rows, fresh database", F(result.importSeconds), string.Join(", ", full.Select(F)));
            table.AddRow("re-import, nothing new", F(result.reimportSeconds), string.Join(", ", again.Select(F)));
            Consoles.Out.Write(table);
        }

        return ExitCodes.Success;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string F(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static void TryDelete(string path)
    {
        try
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A temp folder the OS cleans up anyway.
        }
    }
}
