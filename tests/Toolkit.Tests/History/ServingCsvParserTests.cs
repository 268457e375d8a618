using SglangCi.Toolkit.History.Online;
using SglangCi.Toolkit.Parsing;

namespace SglangCi.Toolkit.Tests.History;

/// <summary>The old serving "CSV" on real files (Grok rates with a host label, DeepSeek concurrencies) and bad input.</summary>
public sealed class ServingCsvParserTests
{
    [Fact]
    public void A_grok_csv_names_its_host_and_leaves_empty_cells_out()
    {
        const string path = "online_benchmark_log/mi30x/GROK2/v0.5.6.post1-rocm700-mi30x-20251209_GROK2_FP8_online/v0.5.6.post1-rocm700-mi30x-20251209_GROK2_FP8_online.csv";
        var row = Assert.Single(ServingCsvParser.Parse(HistorySeed.Text(path), path, "run"));

        Assert.Equal("dell300x-pla-t10-23", row.Host);
        var rate16 = row.Points.Single(p => p.Load == 16);
        Assert.Equal(("rate", 147521.59, 5), (rate16.LoadKind, rate16.E2eMedianMs!.Value, rate16.Source.Line)); // line 5: "MI300x-aiter, dell300x-pla-t10-23 … 147521.59"
    }

    [Fact]
    public void A_deepseek_csv_has_concurrencies_and_no_host()
    {
        const string path = "online_benchmark_log/mi35x/DeepSeek-R1-MXFP4-Preview/v0.5.5.post3-rocm700-mi35x-20251119_DeepSeek-R1-MXFP4-Preview_FP8_online_dp_attention_mtp_test/v0.5.5.post3-rocm700-mi35x-20251119_DeepSeek-R1-MXFP4-Preview_FP8_serving_dp_attention_mtp_test.csv";
        var row = Assert.Single(ServingCsvParser.Parse(HistorySeed.Text(path), path, "run"));

        Assert.Null(row.Host);
        Assert.Equal(67.14, row.Points.Single(p => p.Load == 128).ItlMedianMs); // line 13: "DeepSeek-R1-MXFP4-Preview-FP8 67.14 …"
        Assert.All(row.Points, p => Assert.Equal("concurrency", p.LoadKind));
    }

    [Fact]
    public void A_cell_that_is_not_a_number_names_the_file_and_line()
    {
        const string text = "Median E2E Latency (ms, lower better)\nrequest rate\t1\t2\nMI300x-aiter, h\t10.5\tfast\n";
        var error = Assert.Throws<OutputParseException>(() => ServingCsvParser.Parse(text, "x.csv", "run"));

        Assert.Equal(("x.csv", 3), (error.File, error.Line));
        Assert.Contains("'fast'", error.Message, StringComparison.Ordinal);
    }
}
