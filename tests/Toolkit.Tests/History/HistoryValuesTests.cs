using SglangCi.Toolkit.History;
using SglangCi.Toolkit.History.Records;

namespace SglangCi.Toolkit.Tests.History;

/// <summary>The small value readers of the import: stamps, tags, model names, run ids and secret redaction.</summary>
public sealed class HistoryValuesTests
{
    [Theory]
    [InlineData("Run started at: 2025-12-06 12:41:51 PST", -8)]
    [InlineData("Script started at: 2025-10-21 06:43:46 PDT", -7)]
    [InlineData("Start time: 2025-12-19 10:04:09 CST", -6)]
    public void Stamps_take_the_offset_of_their_zone(string text, int hours)
    {
        Assert.True(SeedClock.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromHours(hours), value.Offset);
    }

    [Fact]
    public void An_unknown_zone_is_refused_not_guessed() => Assert.False(SeedClock.TryParse("2025-12-06 12:41:51 XYZ", out _));

    [Fact]
    public void Pacific_daylight_time_ends_on_the_first_sunday_of_november()
    {
        Assert.Equal(TimeSpan.FromHours(-7), SeedClock.PacificOffset(new DateTime(2025, 11, 1, 12, 0, 0)));
        Assert.Equal(TimeSpan.FromHours(-8), SeedClock.PacificOffset(new DateTime(2025, 11, 3, 12, 0, 0)));
    }

    [Theory]
    [InlineData("v0.5.6.post2-rocm700-mi30x-20251216", "v0.5.6.post2-rocm700-mi30x-20251216", "mi30x", "2025-12-16")]
    [InlineData("rocm/sgl-dev:v0.5.3rc0-rocm630-mi30x-20251003", "v0.5.3rc0-rocm630-mi30x-20251003", "mi30x", "2025-10-03")]
    [InlineData("v0.5.5.post3-rocm700-mi30x-20251120_rerun2", "v0.5.5.post3-rocm700-mi30x-20251120", "mi30x", "2025-11-20")]
    [InlineData("v0.5.3rc0-rocm700-mi35x-20251003-RC.log", "v0.5.3rc0-rocm700-mi35x-20251003-RC", "mi35x", "2025-10-03")]
    public void Image_tags_give_hardware_and_date(string text, string tag, string hardware, string date)
    {
        Assert.True(ImageTag.TryParse(text, out var parsed));
        Assert.Equal((tag, hardware, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)), (parsed.Tag, parsed.Hardware, parsed.Date));
    }

    [Fact]
    public void Not_a_tag_is_not_parsed() => Assert.False(ImageTag.TryParse("test_dp4_torch_compile_no_cudagraph", out _));

    [Theory]
    [InlineData("GROK1", "/mnt/raid/models/huggingface/amd--grok-1-W4A8KV8", null, "GROK1")]
    [InlineData("DeepSeek-V3-0324", "/data/models/amd-DeepSeek-R1-MXFP4-Preview", null, "DeepSeek-R1-MXFP4-Preview")]
    [InlineData("DeepSeek-V3-0324", "/data/models/deepseek-ai/DeepSeek-V3-0324", null, "DeepSeek-V3-0324")]
    [InlineData("DeepSeek-R1-MXFP4-Preview", "/data/models/deepseek-ai/DeepSeek-V3-0324", "DeepSeek-R1-MXFP4-Preview", "DeepSeek-R1-MXFP4-Preview")]
    [InlineData("GROK2", null, null, "GROK2")]
    public void The_weights_decide_the_model(string folderModel, string? path, string? flag, string expected) =>
        Assert.Equal(expected, SeedModelNames.Resolve(folderModel, path, flag));

    [Fact]
    public void A_run_id_is_stable_and_distinguishes_hosts()
    {
        var run = new HistoryRun
        {
            Hardware = "mi30x",
            Host = "dell300x-pla-t12-38",
            Model = "GROK1",
            Mode = "online",
            Image = ImageTag.TryParse("v0.5.6-rocm700-mi30x-20251206", out var tag) ? tag : throw new InvalidOperationException(),
            InvokedAt = new DateTimeOffset(2025, 12, 6, 12, 23, 39, TimeSpan.FromHours(-8)),
            SourcePath = "x",
        };

        Assert.Equal(run.Id, (run with { SourcePath = "y" }).Id);
        Assert.StartsWith("seed-20251206T202339-grok1-online-mi30x-t12-38-", run.Id, StringComparison.Ordinal);
        Assert.NotEqual(run.Id, (run with { Host = "dell300x-pla-t10-23" }).Id);
    }

    [Theory]
    [InlineData("--teams-webhook-url=https://prod-12.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=Zx9SECRETsig", "Zx9SECRETsig")]
    [InlineData("curl https://contoso.webhook.office.com/webhookb2/1111-2222/IncomingWebhook/abcdef/3333", "IncomingWebhook/abcdef")]
    [InlineData("export GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz012345 && git push", "ghp_abcdefghijklmnopqrstuvwxyz012345")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abcdefghijklmnop", "eyJhbGciOiJIUzI1NiJ9")]
    public void Secrets_are_redacted(string text, string secret)
    {
        var redacted = SecretRedactor.Redact(text);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, redacted, StringComparison.Ordinal);
        Assert.False(SecretRedactor.ContainsSecret(redacted));
    }

    [Fact]
    public void Text_without_secrets_is_left_alone()
    {
        const string text = "[nightly] Command: perf_nightly.sh --model=grok --mode=online --hardware=mi30x --teams-webhook-url=<redacted-webhook-url>";
        Assert.Equal(text, SecretRedactor.Redact(text));
    }
}
