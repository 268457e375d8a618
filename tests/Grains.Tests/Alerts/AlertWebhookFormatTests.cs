using System.Net;
using SglangCi.Grains.Alerts;
using SglangCi.Interfaces.Alerts;

namespace SglangCi.Grains.Tests.Alerts;

/// <summary>How each webhook kind reads its endpoint's answer, and how a secret URL is shown.</summary>
public sealed class AlertWebhookFormatTests
{
    [Theory]
    [InlineData(AlertChannelKind.TeamsWebhook, 200, "1", true)]
    [InlineData(AlertChannelKind.TeamsWebhook, 200, "Microsoft Teams endpoint returned HTTP error 429", false)]
    [InlineData(AlertChannelKind.TeamsWebhook, 200, "", false)]
    [InlineData(AlertChannelKind.TeamsWebhook, 400, "Bad payload", false)]
    [InlineData(AlertChannelKind.TeamsWorkflow, 202, "", true)]
    [InlineData(AlertChannelKind.TeamsWorkflow, 500, "", false)]
    [InlineData(AlertChannelKind.Slack, 200, "ok", true)]
    [InlineData(AlertChannelKind.Slack, 400, "invalid_blocks", false)]
    [InlineData(AlertChannelKind.Webhook, 204, "", true)]
    public void Reads_the_answer_of_its_endpoint(AlertChannelKind kind, int status, string body, bool accepted)
    {
        var refusal = AlertWebhookFormat.For(kind)!.Refusal((HttpStatusCode)status, "Reason", body);

        Assert.Equal(accepted, refusal is null);
        if (!accepted && body.Length > 0)
        {
            Assert.Contains(body, refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_file_channel_has_no_webhook_format()
    {
        Assert.Null(AlertWebhookFormat.For(AlertChannelKind.File));
    }

    [Theory]
    [InlineData("https://example.webhook.office.com/webhookb2/abc@def/IncomingWebhook/s3cr3t/xyz", "https://example.webhook.office.com/…/****")]
    [InlineData("https://user:pa55@hooks.slack.com:8443/services/T0/B0/s3cr3t?x=1", "https://hooks.slack.com:8443/…/****")]
    [InlineData("not a url", "****")]
    public void Masks_everything_but_scheme_and_host(string url, string masked)
    {
        Assert.Equal(masked, SecretRedaction.Mask(url));
    }
}
