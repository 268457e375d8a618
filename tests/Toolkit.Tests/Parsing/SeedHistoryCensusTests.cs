using SglangCi.Toolkit.Parsing;
using SglangCi.Toolkit.Parsing.BenchServing;
using SglangCi.Toolkit.Parsing.Gsm8k;
using SglangCi.Toolkit.Parsing.TimingSummary;
using Xunit.Abstractions;

namespace SglangCi.Toolkit.Tests.Parsing;

/// <summary>
/// Runs the parsers over every real bench_serving, GSM8K and timing file in seed-history, prints a census (files with
/// a result, files without and why), and fails when fewer files yield a result than recorded here.
/// </summary>
public sealed class SeedHistoryCensusTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_bench_serving_block_in_seed_history_parses()
    {
        var files = SeedCorpus.BenchServingBlockFiles().ToList();
        var blocks = 0;
        var truncated = 0;
        foreach (var file in files)
        {
            var results = BenchServingParser.ParseFile(file); // throws with file:line on any failure
            blocks += results.Count;
            truncated += results.Count(r => r.Truncated);
            Assert.All(results, r => Assert.NotNull(r.Successful));
        }

        output.WriteLine($"bench_serving: {files.Count} files with a block, {blocks} blocks, {truncated} truncated");
        Assert.True(files.Count >= 1691, $"files with a bench_serving block: {files.Count}");
        Assert.True(blocks >= 2970, $"blocks: {blocks}");
    }

    [Fact]
    public void Bench_serving_client_logs_census()
    {
        var parsed = 0;
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in SeedCorpus.BenchServingClientLogs())
        {
            var text = SeedCorpus.ReadText(file);
            try
            {
                BenchServingParser.Parse(text, file);
                parsed++;
            }
            catch (OutputParseException)
            {
                var why = SeedCorpus.WhyNoBenchServingResult(text);
                reasons[why] = reasons.GetValueOrDefault(why) + 1;
            }
        }

        Report("bench_serving client logs", parsed, reasons);
        Assert.True(parsed >= ExpectedBenchServingClientLogs, $"client logs with a result: {parsed}");
    }

    [Fact]
    public void Gsm8k_client_logs_census()
    {
        var parsed = 0;
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in SeedCorpus.Gsm8kClientLogs())
        {
            var text = SeedCorpus.ReadText(file);
            try
            {
                var runs = Gsm8kOutputParser.Parse(text, file);
                Assert.All(runs, r => Assert.InRange(r.Accuracy!.Value, 0, 1));
                parsed++;
            }
            catch (Gsm8kParseException)
            {
                var why = SeedCorpus.WhyNoGsm8kResult(text);
                reasons[why] = reasons.GetValueOrDefault(why) + 1;
            }
        }

        Report("GSM8K client logs", parsed, reasons);
        Assert.True(parsed >= ExpectedGsm8kLogs, $"GSM8K logs with a result: {parsed}");
    }

    [Fact]
    public void Timing_summaries_census()
    {
        var parsed = 0;
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in SeedCorpus.TimingSummaries())
        {
            var text = SeedCorpus.ReadText(file);
            var result = TimingSummaryParser.Read(text);
            if (result.HasResult)
            {
                parsed++;
                continue;
            }

            var why = SeedCorpus.WhyNoTimingResult(text);
            reasons[why] = reasons.GetValueOrDefault(why) + 1;
            Assert.Throws<OutputParseException>(() => TimingSummaryParser.Parse(text, file));
        }

        Report("timing summaries", parsed, reasons);
        Assert.True(parsed >= ExpectedTimingSummaries, $"timing summaries with a result: {parsed}");
    }

    // Floors from the census of the seed-history snapshot (see the report each test prints).
    private const int ExpectedBenchServingClientLogs = 1504;
    private const int ExpectedGsm8kLogs = 1496;
    private const int ExpectedTimingSummaries = 402;

    private void Report(string what, int parsed, Dictionary<string, int> reasons)
    {
        output.WriteLine($"{what}: {parsed} with a result, {reasons.Values.Sum()} without");
        foreach (var (why, count) in reasons.OrderByDescending(r => r.Value))
        {
            output.WriteLine($"  {count,5}  {why}");
        }
    }
}
