using Microsoft.Extensions.Logging.Abstractions;
using SglangCi.Cli.Cluster;
using SglangCi.Grains.Reports.Compare;
using SglangCi.Silo.Storage.History;
using SglangCi.Silo.Storage.Results;
using SglangCi.Silo.Storage.Sqlite;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Compare;

/// <summary>
/// <c>compare RUN_A [RUN_B]</c>: the dashboard's compare page as a report — the same <see cref="Comparison"/>, so the
/// same verdicts — through the cluster, or straight from a results file with <c>--db</c>. Exit 0 with a report; 2 when
/// a run id is unknown; 3 when there is nothing to compare (no previous night for A).
/// </summary>
public sealed class CompareCommand : AsyncCommand<CompareSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
    {
        var selection = CompareSelection.Runs(settings.RunA, settings.RunB);
        var comparison = settings.Database is { } file
            ? await LoadFromFileAsync(file, selection, cancellationToken)
            : await LoadFromClusterAsync(settings, selection, cancellationToken);

        if (comparison.UnknownRunId is { } unknown)
        {
            var where = settings.Database is { } db ? $"in '{Path.GetFullPath(db)}'" : "in the cluster";
            Console.Error.WriteLine($"error: no run with id '{unknown}' {where} (list them with `sglang-ci runs`)");
            return ExitCodes.BadArguments;
        }

        if (comparison.Problem is { } problem)
        {
            Console.Error.WriteLine($"error: {problem}");
            return ExitCodes.NoResult;
        }

        var report = settings.ChosenFormat switch
        {
            CompareFormat.Html => ComparisonHtml.Render(comparison),
            CompareFormat.Json => ComparisonJson.Render(comparison) + "\n",
            _ => ComparisonMarkdown.Render(comparison),
        };

        if (settings.Output is { } output)
        {
            await File.WriteAllTextAsync(output, report, cancellationToken);
            Console.Error.WriteLine($"wrote {Path.GetFullPath(output)}");
        }
        else
        {
            Console.Out.Write(report);
        }

        return ExitCodes.Success;
    }

    private static async Task<Comparison> LoadFromClusterAsync(CompareSettings settings, CompareSelection selection, CancellationToken cancellationToken)
    {
        await using var connection = await ClusterConnection.ConnectAsync(settings.Target, cancellationToken);
        return await Comparison.LoadAsync(new GrainComparisonSource(connection.Client), selection, cancellationToken);
    }

    private static async Task<Comparison> LoadFromFileAsync(string file, CompareSelection selection, CancellationToken cancellationToken)
    {
        // Open refuses a missing file (it would otherwise create an empty database and report every run unknown).
        await using var history = new RelationalHistoryQueries(DatabaseFileOption.Open(file, mustExist: true));
        var results = new SqliteResultsStore(new SqliteStorageInitializer(SqliteConnectionStrings.ForFile(Path.GetFullPath(file)), NullLoggerFactory.Instance));
        return await Comparison.LoadAsync(new StoredComparisonSource(results, history), selection, cancellationToken);
    }
}
