using System.Text.Json;
using SglangCi.Integration.Tests.Storage;

namespace SglangCi.Integration.Tests.Cli;

/// <summary><c>sglang-ci generate nights --db</c> in this process: a few nights into a fresh file, checked with SQL.</summary>
[Collection(CliCollection.Name)]
public sealed class GenerateNightsCommandTests : IDisposable
{
    private readonly TempSqliteFile _db = new();

    [Fact]
    public async Task Three_nights_for_four_hardware_kinds_land_in_the_results_tables_and_a_rerun_adds_nothing()
    {
        string[] arguments = ["generate", "nights", "--db", _db.Path, "--days", "3", "--end", "2026-01-10", "--seed", "7", "--json"];
        var result = await InProcessCli.RunAsync(arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var report = JsonDocument.Parse(result.StandardOutput);
        var runs = report.RootElement.GetProperty("runs").GetInt32();
        Assert.Equal(12, report.RootElement.GetProperty("nights").GetInt32());
        Assert.Equal("2026-01-08", report.RootElement.GetProperty("first").GetString());

        Assert.Equal(runs, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM runs WHERE source = 'simulated'"));
        Assert.Equal("mi30x,mi325x,mi350x,mi35x", await _db.ScalarAsync<string>("SELECT GROUP_CONCAT(hardware) FROM (SELECT DISTINCT hardware FROM runs ORDER BY hardware)"));
        Assert.Equal("2026-01-08,2026-01-09,2026-01-10", await _db.ScalarAsync<string>("SELECT GROUP_CONCAT(image_date) FROM (SELECT DISTINCT image_date FROM runs ORDER BY image_date)"));
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM runs WHERE image NOT GLOB 'rocm/sgl-dev:v0.5.*-rocm7*-' || hardware || '-' || replace(image_date, '-', '')"));
        Assert.Equal(report.RootElement.GetProperty("points").GetInt32(), await _db.ScalarAsync<long>("""
            SELECT COUNT(*) FROM benchmark_points p JOIN runs r ON r.id = p.run_id
            WHERE r.source = 'simulated' AND p.goodput IS NOT NULL AND p.concurrency IS NOT NULL
              AND p.ttft_mean_ms + p.ttft_median_ms + p.ttft_p90_ms + p.ttft_p95_ms + p.ttft_p99_ms + p.ttft_std_ms + p.ttft_max_ms > 0
              AND p.itl_mean_ms + p.itl_median_ms + p.itl_p90_ms + p.itl_p95_ms + p.itl_p99_ms + p.itl_std_ms + p.itl_max_ms > 0
              AND p.tpot_mean_ms + p.tpot_median_ms + p.tpot_p90_ms + p.tpot_p95_ms + p.tpot_p99_ms + p.tpot_std_ms + p.tpot_max_ms > 0
              AND p.e2e_mean_ms + p.e2e_median_ms + p.e2e_p90_ms + p.e2e_p95_ms + p.e2e_p99_ms + p.e2e_std_ms + p.e2e_max_ms > 0
            """));
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM runs r LEFT JOIN gsm8k_gates g ON g.run_id = r.id WHERE r.status = 'succeeded' AND (g.passed IS NOT 1 OR NOT EXISTS (SELECT 1 FROM gsm8k_trials t WHERE t.run_id = r.id))"));
        Assert.True(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM night_points") > 0);

        var again = await InProcessCli.RunAsync(arguments);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(runs, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM runs"));
        Assert.Equal(report.RootElement.GetProperty("points").GetInt32(), await _db.ScalarAsync<long>("SELECT COUNT(*) FROM benchmark_points"));

        var delete = await InProcessCli.RunAsync("generate", "nights", "--db", _db.Path, "--delete", "--json");
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM runs"));
    }

    [Theory]
    [InlineData("--days", "0")]
    [InlineData("--end", "2026-13-01")]
    [InlineData("--hardware", "MI30X")]
    [InlineData("--hardware", "mi30x,mi30x")]
    public async Task Bad_options_are_exit_code_2_and_write_nothing(string option, string value)
    {
        var result = await InProcessCli.RunAsync("generate", "nights", "--db", _db.Path, option, value);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(option, result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(_db.Path));
    }

    public void Dispose() => _db.Dispose();
}
