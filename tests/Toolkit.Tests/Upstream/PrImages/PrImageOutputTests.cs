using SglangCi.Toolkit.Upstream.PrImages;

namespace SglangCi.Toolkit.Tests.Upstream.PrImages;

/// <summary>Reading a script's output: the markers, git's last error line, and output cut short.</summary>
public sealed class PrImageOutputTests
{
    [Fact]
    public void Reads_every_marker_and_keeps_gits_last_error_line()
    {
        var output = PrImageOutput.Parse(
            "##sglci-pr-image checkout /sgl-workspace/sglang\n" +
            "##sglci-pr-image base aaaa\r\n" +
            "error: something git said first\n" +
            "fatal: couldn't find remote ref refs/pull/99/head\n" +
            "##sglci-pr-image changed python/a b.py\n" +
            "##sglci-pr-image failed fetch-failed\n");

        Assert.Equal("/sgl-workspace/sglang", output.Checkout);
        Assert.Equal("aaaa", output.BaseSha);
        Assert.Equal(["python/a b.py"], output.ChangedFiles);
        Assert.Equal(PrImageFailureKind.FetchFailed, output.Failure);
        Assert.Equal("fatal: couldn't find remote ref refs/pull/99/head", output.ErrorLine);
    }

    [Fact]
    public void An_unknown_failure_name_is_kept_as_printed()
    {
        var output = PrImageOutput.Parse("##sglci-pr-image failed disk-full\n");
        Assert.Null(output.Failure);
        Assert.Equal("disk-full", output.FailureName);
    }

    [Fact]
    public void Output_cut_short_gives_what_was_printed_and_no_failure()
    {
        var output = PrImageOutput.Parse("##sglci-pr-image base aaaa\nremote: Counting obj");
        Assert.Equal("aaaa", output.BaseSha);
        Assert.Null(output.Failure);
        Assert.Null(output.NewSha);
        Assert.Empty(PrImageOutput.Parse(null).ChangedFiles);
    }
}
