using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using SglangCi.Interfaces.Alerts;
using SglangCi.Toolkit.Alerts;

namespace SglangCi.Grains.Alerts;

/// <summary>
/// What a webhook channel kind posts and how it reads the answer: one post path in <see cref="AlertDelivery"/>, one
/// format per kind. An answer is a refusal when the status is not 2xx, or when the endpoint reports a failure in the
/// body of a 2xx: an Office 365 Teams connector answers 200 with "1" when it posted, and 200 with a message such as
/// "Microsoft Teams endpoint returned HTTP error 429" when it did not.
/// </summary>
public sealed class AlertWebhookFormat
{
    /// <summary>The whole body of a Teams connector's 200 when the card was posted.</summary>
    public const string TeamsWebhookAccepted = "1";

    private static readonly AlertWebhookFormat Generic = new(card => GenericAlertJson.Render(card, includeKey: false), requiredBody: null);
    private static readonly AlertWebhookFormat TeamsWebhook = new(card => TeamsAdaptiveCard.Render(card), TeamsWebhookAccepted);
    private static readonly AlertWebhookFormat TeamsWorkflow = new(card => TeamsAdaptiveCard.Render(card), requiredBody: null);
    private static readonly AlertWebhookFormat Slack = new(SlackBlocks.Render, requiredBody: null);

    private readonly Func<AlertCard, JsonObject> _render;
    private readonly string? _requiredBody;

    private AlertWebhookFormat(Func<AlertCard, JsonObject> render, string? requiredBody)
    {
        _render = render;
        _requiredBody = requiredBody;
    }

    /// <summary>The format of a webhook kind; null for a kind that posts nothing (a file).</summary>
    public static AlertWebhookFormat? For(AlertChannelKind kind) => kind switch
    {
        AlertChannelKind.Webhook => Generic,
        AlertChannelKind.TeamsWebhook => TeamsWebhook,
        AlertChannelKind.TeamsWorkflow => TeamsWorkflow,
        AlertChannelKind.Slack => Slack,
        _ => null,
    };

    public string Render(AlertCard card) => _render(card).ToJsonString();

    /// <summary>Why the endpoint did not take the alert, or null when it did.</summary>
    public string? Refusal(HttpStatusCode status, string? reason, string body)
    {
        var code = ((int)status).ToString(CultureInfo.InvariantCulture);
        if ((int)status is < 200 or > 299)
        {
            return $"webhook answered {code} {reason}{Quoted(body)}";
        }

        return _requiredBody is null || string.Equals(body.Trim(), _requiredBody, StringComparison.Ordinal)
            ? null
            : $"webhook answered {code} but did not post the alert{Quoted(body)}";
    }

    /// <summary>The start of a body is usually the endpoint's reason; the rest is noise in a status line.</summary>
    private static string Quoted(string body)
    {
        var text = body.Trim().ReplaceLineEndings(" ");
        return text.Length == 0 ? "" : $": \"{(text.Length > 200 ? string.Concat(text.AsSpan(0, 200), "…") : text)}\"";
    }
}
