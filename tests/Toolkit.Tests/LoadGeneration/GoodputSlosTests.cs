using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Tests.LoadGeneration;

/// <summary>Goodput as vLLM's benchmark_serving computes it: good = succeeded and every given SLO met.</summary>
public class GoodputSlosTests
{
    private static RequestResult Ok(double ttft, double latency, int outputLength) =>
        new(true, 10, outputLength, ttft, latency, [], null);

    [Fact]
    public void Parses_vllm_keys_and_our_e2e_alias()
    {
        Assert.Equal(new GoodputSlos(2000, 200, null), GoodputSlos.Parse(["ttft:2000", "tpot:200"]));
        Assert.Equal(new GoodputSlos(null, null, 5000), GoodputSlos.Parse(["e2el:5000"]));
        Assert.Equal(new GoodputSlos(null, null, 4000.5), GoodputSlos.Parse(["E2E:4000.5"]));
        Assert.Equal(new GoodputSlos(1, 2, 3), GoodputSlos.Parse(["ttft:1 tpot:2,e2el:3"]));
        Assert.False(GoodputSlos.Parse([]).Any);
    }

    [Theory]
    [InlineData("ttft", "ttft")]
    [InlineData("ttft:", "ttft:")]
    [InlineData(":200", ":200")]
    [InlineData("itl:20", "unknown metric 'itl'")]
    [InlineData("tpot:fast", "tpot:fast")]
    [InlineData("tpot:-1", "non-negative")]
    public void Parse_errors_name_the_bad_token(string token, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => GoodputSlos.Parse(["ttft:100", token]));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void A_request_is_good_only_when_it_meets_every_slo()
    {
        var slos = new GoodputSlos(TtftMs: 100, TpotMs: 10);
        RequestResult[] results =
        [
            Ok(ttft: 0.1, latency: 0.1 + (9 * 0.0099), outputLength: 10),    // ttft exactly 100 (SLO ≥ metric: good), tpot 9.9
            Ok(ttft: 0.15, latency: 0.20, outputLength: 10),                 // ttft 150: bad
            Ok(ttft: 0.05, latency: 0.05 + (9 * 0.011), outputLength: 10),   // tpot 11: bad
            Ok(ttft: 0.08, latency: 5.0, outputLength: 1),                    // one token: tpot 0 (vLLM), good
            new(false, 10, 10, null, 0.01, [], "HTTP 500"),                  // failed: never good
        ];

        Assert.Equal(2, slos.CountGood(results));
        Assert.Equal(1.0, slos.Goodput(results, durationSeconds: 2.0), 9);
        Assert.Equal(0.0, slos.Goodput(results, durationSeconds: 0), 9);
    }

    [Fact]
    public void E2e_slo_checks_latency()
    {
        var slos = new GoodputSlos(E2eMs: 500);
        Assert.Equal(1, slos.CountGood([Ok(0.1, 0.5, 5), Ok(0.1, 0.6, 5)]));
    }

    [Fact]
    public void Formats_back_to_key_value_tokens()
    {
        Assert.Equal("ttft:2000 tpot:200 e2el:9000.5", new GoodputSlos(2000, 200, 9000.5).ToString());
    }
}
