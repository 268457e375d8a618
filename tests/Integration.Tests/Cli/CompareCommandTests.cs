using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SglangCi.Grains.Reports.Compare;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Integration.Tests.RunKinds;
using SglangCi.Silo.Storage.History;
using SglangCi.Silo.Storage.Results;
using SglangCi.Silo.Storage.Sqlite;
using SglangCi.Web.Components.Compare;

namespace SglangCi.Integration.Tests.Cli;

/// <summary>
/// <c>sglang-ci compare … --db</c> in this process on runs of the imported seed history: each format, the automatic
/// B, an unknown id, and the same verdicts as the dashboard's compare table renders for the same pair.
/// </summary>
[Collection(CliCollection.Name)]
public sealed partial class CompareCommandTests(CompareSeedDatabase seed) : IClassFixture<CompareSeedDatabase>
{
    [Fact]
    public async Task Markdown_has_both_sides_the_gate_and_a_marked_table_per_load_point()
    {
        var result = await InProcessCli.RunAsync("compare", seed.RunA, seed.RunB, "--db", seed.DatabasePath);

        Assert.True(result.ExitCode == 0, result.ToString());
        var markdown = result.StandardOutput;
        var expected = await ExpectedAsync();
        Assert.StartsWith("# Comparison: GROK1 online on mi30x — 2025-11-30 vs 2025-11-29", markdown, StringComparison.Ordinal);
        Assert.Contains($"| run | {seed.RunA} | {seed.RunB} |", markdown, StringComparison.Ordinal);
        Assert.Contains("## GSM8K gate", markdown, StringComparison.Ordinal);
        Assert.Contains("two-proportion z-test over every trial's answers): " + expected.Gate!.SignificanceText, markdown, StringComparison.Ordinal);
        Assert.StartsWith("p = ", expected.Gate.SignificanceText, StringComparison.Ordinal);
        Assert.NotEmpty(expected.Loads);
        foreach (var load in expected.Loads)
        {
            Assert.Contains("### " + load.Title + " — ", markdown, StringComparison.Ordinal);
            foreach (var change in load.Changes)
            {
                Assert.Contains($"| {change.RelativeText} | {VerdictText.Marker(change.Verdict)} |", markdown, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Html_goes_to_the_output_file_as_a_standalone_coloured_page()
    {
        var file = Path.Combine(Path.GetDirectoryName(seed.DatabasePath)!, "compare.html");
        var result = await InProcessCli.RunAsync("compare", seed.RunA, seed.RunB, "--db", seed.DatabasePath, "--format", "html", "--output", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StandardOutput);
        var html = await File.ReadAllTextAsync(file);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains(seed.RunA, html, StringComparison.Ordinal);
        var expected = await ExpectedAsync();
        var verdicts = HtmlVerdicts().Matches(html).Select(m => m.Groups["verdict"].Value).ToList();
        Assert.Equal(expected.Loads.SelectMany(l => l.Changes).Select(c => VerdictText.Key(c.Verdict)), verdicts);
        Assert.Contains("delta-worse", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_without_B_compares_with_the_previous_night_of_the_series()
    {
        var result = await InProcessCli.RunAsync("compare", seed.RunA, "--db", seed.DatabasePath, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        Assert.Equal(seed.RunA, root.GetProperty("a").GetProperty("runId").GetString());
        Assert.Equal(seed.RunB, root.GetProperty("b").GetProperty("runId").GetString());
        Assert.True(root.GetProperty("b").GetProperty("autoChosen").GetBoolean());
        Assert.Equal("dell300x-pla-t10-23", root.GetProperty("a").GetProperty("host").GetString());
        var gate = root.GetProperty("gate");
        Assert.InRange(gate.GetProperty("a").GetProperty("accuracy").GetDouble(), 0.5, 1);
        Assert.InRange(gate.GetProperty("pValue").GetDouble(), 0, 1);
        Assert.NotEmpty(root.GetProperty("loads").EnumerateArray());
        Assert.All(root.GetProperty("loads").EnumerateArray().SelectMany(l => l.GetProperty("metrics").EnumerateArray()),
            m => Assert.Contains(m.GetProperty("verdict").GetString(), new[] { "better", "worse", "neutral", "missing" }));
    }

    [Fact]
    public async Task Through_the_clusters_gateway_it_reports_exactly_what_it_reports_from_the_file()
    {
        await using var silo = await InProcessSilo.StartAsync(new Dictionary<string, string?>(), seed.DatabasePath);

        var fromFile = await InProcessCli.RunAsync("compare", seed.RunA, "--db", seed.DatabasePath, "--format", "json");
        var fromCluster = await InProcessCli.RunAsync("compare", seed.RunA, "--gateway", silo.Gateway, "--format", "json");
        var unknown = await InProcessCli.RunAsync("compare", "no-such-run-42", "--gateway", silo.Gateway);

        Assert.True(fromCluster.ExitCode == 0, fromCluster.ToString());
        Assert.Equal(fromFile.StandardOutput, fromCluster.StandardOutput);
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("no-such-run-42", unknown.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_run_is_an_error_naming_the_id()
    {
        var result = await InProcessCli.RunAsync("compare", seed.RunA, "no-such-run-42", "--db", seed.DatabasePath);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.StandardOutput);
        Assert.Contains("no run with id 'no-such-run-42'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_explains_the_arguments_and_options()
    {
        // In its own process: Spectre writes help to a console it creates once per process, which an in-process run
        // after other commands would find bound to an earlier test's writer.
        var cli = new CliRunner(RepositoryLayout.Discover().CliAssembly, gatewayPort: 1);
        var result = await cli.RunAsync(TimeSpan.FromMinutes(1), "compare", "--help");

        Assert.True(result.ExitCode == 0, result.StandardError);
        // Spectre wraps the help to the console's width: read it as one line.
        var help = Whitespace().Replace(result.StandardOutput, " ");
        foreach (var text in new[] { "<RUN_A>", "[RUN_B]", "the previous night of A's series", "--format <FORMAT>", "markdown (default), html", "--output <FILE>", "--db <FILE>" })
        {
            Assert.Contains(text, help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_page_and_the_cli_give_the_same_verdicts_for_the_same_pair()
    {
        var comparison = await ExpectedAsync();
        var page = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var services = new ServiceCollection().BuildServiceProvider())
        await using (var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance))
        {
            foreach (var load in comparison.Loads)
            {
                var html = await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<LoadCompareTable>(
                    ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(LoadCompareTable.Load)] = load }))).ToHtmlString());
                foreach (Match row in PageVerdicts().Matches(html))
                {
                    page[$"{load.Title}/{row.Groups["metric"].Value}"] = row.Groups["verdict"].Value;
                }
            }
        }

        var result = await InProcessCli.RunAsync("compare", seed.RunA, seed.RunB, "--db", seed.DatabasePath, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var cli = json.RootElement.GetProperty("loads").EnumerateArray()
            .SelectMany(l => l.GetProperty("metrics").EnumerateArray().Select(m =>
                (Key: $"{l.GetProperty("title").GetString()}/{m.GetProperty("key").GetString()}", Verdict: m.GetProperty("verdict").GetString()!)))
            .ToDictionary(p => p.Key, p => p.Verdict, StringComparer.Ordinal);

        Assert.NotEmpty(page);
        Assert.Equal(page.OrderBy(p => p.Key, StringComparer.Ordinal), cli.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Contains("worse", cli.Values);
    }

    /// <summary>The comparison as the shared model builds it from the file: what both the page and the CLI render.</summary>
    private async Task<Comparison> ExpectedAsync()
    {
        var file = SqliteConnectionStrings.ForFile(seed.DatabasePath);
        await using var history = new RelationalHistoryQueries(new SqliteResultsDatabase(new SqliteStorageInitializer(file)));
        var source = new StoredComparisonSource(new SqliteResultsStore(new SqliteStorageInitializer(file)), history);
        return await Comparison.LoadAsync(source, CompareSelection.Runs(seed.RunA, seed.RunB));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("<tr data-metric=\"[^\"]+\" data-verdict=\"(?<verdict>[a-z]+)\">")]
    private static partial Regex HtmlVerdicts();

    [GeneratedRegex("class=\"[^\"]*change-(?<verdict>[a-z]+)\" data-metric=\"(?<metric>[^\"]+)\"")]
    private static partial Regex PageVerdicts();
}
