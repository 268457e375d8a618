using System.Text.Json;
using System.Text.Json.Serialization;
using SglangCi.Interfaces.Alerts;

namespace SglangCi.Grains.Alerts;

/// <summary>The generic JSON an alert is delivered as: <c>{title, severity, text, facts, createdAt}</c> (files add the dedupe key).</summary>
public sealed record AlertPayload(
    string Title,
    string Severity,
    string Text,
    IReadOnlyDictionary<string, string> Facts,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DedupeKey = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static AlertPayload For(AlertMessage message, bool includeKey) => new(
        message.Title,
        message.Severity.ToString().ToLowerInvariant(),
        message.Text,
        message.Facts,
        message.CreatedAt,
        includeKey ? message.DedupeKey : null);
}
