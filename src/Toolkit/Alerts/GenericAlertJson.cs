using System.Text.Json.Nodes;

namespace SglangCi.Toolkit.Alerts;

/// <summary>
/// An <see cref="AlertCard"/> as plain JSON for generic webhooks and alert files:
/// <c>{title, kind, severity, text, facts, tables, charts, link, createdAt}</c> (a file line adds <c>dedupeKey</c>).
/// Nothing is cut: a receiver of this format decides what to show.
/// </summary>
public static class GenericAlertJson
{
    public static JsonObject Render(AlertCard card, bool includeKey)
    {
        ArgumentNullException.ThrowIfNull(card);
        var facts = new JsonObject();
        foreach (var (name, value) in card.Facts)
        {
            facts[name] = value;
        }

        var json = new JsonObject
        {
            ["title"] = card.Title,
            ["kind"] = card.Kind.WireName(),
            ["severity"] = card.Severity.WireName(),
            ["text"] = card.Text,
            ["facts"] = facts,
            ["tables"] = new JsonArray(card.Tables.Select(t => (JsonNode)new JsonObject
            {
                ["heading"] = t.Heading,
                ["columns"] = Strings(t.Columns),
                ["rows"] = new JsonArray(t.Rows.Select(r => (JsonNode)Strings(r)).ToArray()),
            }).ToArray()),
            ["charts"] = new JsonArray(card.Charts.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["imageUrl"] = c.ImageUrl }).ToArray()),
            ["link"] = card.Link,
            ["createdAt"] = JsonValue.Create(card.CreatedAt),
        };
        if (includeKey)
        {
            json["dedupeKey"] = card.Key;
        }

        return json;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
