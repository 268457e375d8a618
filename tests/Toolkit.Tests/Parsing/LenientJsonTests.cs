using SglangCi.Toolkit.Parsing;

namespace SglangCi.Toolkit.Tests.Parsing;

public sealed class LenientJsonTests
{
    [Theory]
    [InlineData("{\"a\": Infinity}", "{\"a\": \"inf\"}")]
    [InlineData("{\"a\": -Infinity, \"b\": NaN}", "{\"a\": \"-inf\", \"b\": \"nan\"}")]
    [InlineData("{\"a\": \"NaN Infinity \\\" NaN\"}", "{\"a\": \"NaN Infinity \\\" NaN\"}")]
    [InlineData("{\"NaNx\": 1}", "{\"NaNx\": 1}")]
    public void Rewrites_non_finite_tokens_outside_strings(string input, string expected) =>
        Assert.Equal(expected, LenientJson.Rewrite(input));

    [Fact]
    public void Number_reads_rewritten_tokens()
    {
        var node = LenientJson.Parse("{\"a\": Infinity, \"b\": NaN, \"c\": 2.5}")!;
        Assert.Equal(double.PositiveInfinity, LenientJson.Number(node["a"]));
        Assert.True(double.IsNaN(LenientJson.Number(node["b"])!.Value));
        Assert.Equal(2.5, LenientJson.Number(node["c"]));
    }
}
