using Microsoft.Extensions.Configuration;
using SglangCi.Interfaces.Alerts;
using SglangCi.Silo.Alerts;

namespace SglangCi.Grains.Tests.Alerts;

/// <summary>Channels listed under <c>SglangCi:Alerts:Channels</c>: what they become, and the start-up errors for mistakes.</summary>
public sealed class AlertChannelSettingsTests
{
    private const string DataDirectory = "/var/lib/sglci";

    [Fact]
    public void Reads_every_kind_with_its_file_or_url_key()
    {
        var settings = Read(new()
        {
            ["SglangCi:Alerts:Channels:default:Kind"] = "teams-workflow",
            ["SglangCi:Alerts:Channels:default:UrlKey"] = "Secrets:Teams",
            ["Secrets:Teams"] = "https://prod.westus.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=s3cr3t",
            ["SglangCi:Alerts:Channels:archive:Kind"] = "file",
            ["SglangCi:Alerts:Channels:archive:FilePath"] = "alerts/archive.jsonl",
            ["SglangCi:Alerts:Channels:ops:Kind"] = "Slack",
            ["SglangCi:Alerts:Channels:ops:UrlKey"] = "Secrets:Slack",
            ["Secrets:Slack"] = "https://hooks.slack.com/services/T0/B0/s3cr3t",
        });

        Assert.Equal(
            [
                new AlertChannelConfig("archive", AlertChannelKind.File, "/var/lib/sglci/alerts/archive.jsonl", null),
                new AlertChannelConfig("default", AlertChannelKind.TeamsWorkflow, null, "Secrets:Teams"),
                new AlertChannelConfig("ops", AlertChannelKind.Slack, null, "Secrets:Slack"),
            ],
            settings.Channels.OrderBy(c => c.Name, StringComparer.Ordinal));
        Assert.True(settings.Configures("default"));
        Assert.False(settings.Configures("other"));
    }

    [Fact]
    public void Takes_the_url_from_an_environment_variable_of_the_key_name()
    {
        var variable = $"SGLCI_TEST_HOOK_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, "https://example.webhook.office.com/webhookb2/s3cr3t");
        try
        {
            var settings = Read(new()
            {
                ["SglangCi:Alerts:Channels:team:Kind"] = "teams-webhook",
                ["SglangCi:Alerts:Channels:team:UrlKey"] = variable,
            });

            Assert.Equal(new AlertChannelConfig("team", AlertChannelKind.TeamsWebhook, null, variable), Assert.Single(settings.Channels));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Theory]
    [InlineData("teams", null, null, "alert channel 'team': SglangCi:Alerts:Channels:team:Kind 'teams' is not one of")]
    [InlineData("file", null, null, "alert channel 'team': SglangCi:Alerts:Channels:team:FilePath")]
    [InlineData("slack", null, null, "alert channel 'team': SglangCi:Alerts:Channels:team:UrlKey a slack channel needs")]
    [InlineData("slack", "SGLCI_SURELY_UNSET_HOOK", null, "alert channel 'team': SglangCi:Alerts:Channels:team:UrlKey names 'SGLCI_SURELY_UNSET_HOOK', but neither")]
    [InlineData("webhook", "Secrets:Hook", "not a url", "alert channel 'team': SglangCi:Alerts:Channels:team:UrlKey 'Secrets:Hook' does not hold an http(s) URL")]
    public void A_mistake_names_the_channel_and_the_key(string kind, string? urlKey, string? url, string expected)
    {
        var values = new Dictionary<string, string?> { ["SglangCi:Alerts:Channels:team:Kind"] = kind, ["SglangCi:Alerts:Channels:team:UrlKey"] = urlKey };
        if (url is not null)
        {
            values[urlKey!] = url;
        }

        var error = Assert.Throws<InvalidOperationException>(() => Read(values));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_pasted_as_the_key_is_refused_without_repeating_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(new()
        {
            ["SglangCi:Alerts:Channels:team:Kind"] = "teams-webhook",
            ["SglangCi:Alerts:Channels:team:UrlKey"] = "https://example.webhook.office.com/webhookb2/s3cr3t",
        }));

        Assert.Contains("SglangCi:Alerts:Channels:team:UrlKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }

    private static AlertChannelSettings Read(Dictionary<string, string?> values) =>
        AlertChannelSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), DataDirectory);
}
