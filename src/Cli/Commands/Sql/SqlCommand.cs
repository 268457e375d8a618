using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using SglangCi.Cli.Cluster;
using SglangCi.Cli.Output;
using SglangCi.Interfaces.Sql;
using SglangCi.Silo.Storage.Results;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Sql;

/// <summary>
/// <c>sql "SELECT …"</c>: a read-only query on the results tables, through the cluster or on a file with
/// <c>--db</c>. The connection cannot write, so a write fails with the database's own error.
/// </summary>
public sealed class SqlCommand : AsyncCommand<SqlCommand.Settings>
{
    public sealed class Settings : ClusterSettings
    {
        [CommandArgument(0, "<SQL>")]
        [Description("One SQL statement, e.g. \"SELECT model, COUNT(*) FROM runs GROUP BY model\". Tables: runs, benchmark_points, summary_points, night_points, gsm8k_gates, gsm8k_trials, image_checks, sanity_*, pd_tests, unit_tests, coverage_*, seed_status_*.")]
        public string Sql { get; set; } = string.Empty;

        [CommandOption(DatabaseFileOption.Template)]
        [Description(DatabaseFileOption.Description)]
        public string? Database { get; set; }

        [CommandOption("--max-rows <N>")]
        [Description("Return at most N rows.")]
        [DefaultValue(1000)]
        public int MaxRows { get; set; } = 1000;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        SqlQueryResult result;
        if (settings.Database is { } db)
        {
            result = await new ReadOnlySqlExplorer(DatabaseFileOption.Open(db, mustExist: true)).QueryAsync(settings.Sql, Math.Max(1, settings.MaxRows), cancellationToken);
        }
        else
        {
            await using var connection = await ClusterConnection.ConnectAsync(settings.Target, cancellationToken);
            result = await connection.Client.GetGrain<ISqlExplorerGrain>(0).Query(settings.Sql, settings.MaxRows);
        }

        if (settings.Json)
        {
            JsonOutput.Write(ToJson(result));
        }
        else
        {
            Render(result);
        }

        return result.Rows.Count == 0 ? ExitCodes.NoResult : ExitCodes.Success;
    }

    private static JsonObject ToJson(SqlQueryResult result)
    {
        var rows = new JsonArray();
        foreach (var row in result.Rows)
        {
            var item = new JsonObject();
            for (var i = 0; i < result.Columns.Count; i++)
            {
                var cell = row[i];
                item[result.Columns[i]] = cell.Text is null ? null
                    : cell.IsNumber ? JsonValue.Create(double.Parse(cell.Text, CultureInfo.InvariantCulture))
                    : JsonValue.Create(cell.Text);
            }

            rows.Add(item);
        }

        return new JsonObject
        {
            ["columns"] = new JsonArray(result.Columns.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            ["rows"] = rows,
            ["truncated"] = result.Truncated,
        };
    }

    private static void Render(SqlQueryResult result)
    {
        var table = new Table();
        foreach (var column in result.Columns)
        {
            table.AddColumn(Markup.Escape(column));
        }

        foreach (var row in result.Rows)
        {
            table.AddRow(row.Select(c => c.Text is null ? "[grey]NULL[/]" : Markup.Escape(c.Text)).ToArray());
        }

        Consoles.Out.Write(table);
        Consoles.Out.MarkupLine(CultureInfo.InvariantCulture, "{0} row(s){1} in {2:0} ms", result.Rows.Count, result.Truncated ? " (truncated: --max-rows)" : string.Empty, result.Elapsed.TotalMilliseconds);
    }
}
