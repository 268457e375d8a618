using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SglangCi.Toolkit.Alerts;

/// <summary>
/// An <see cref="AlertCard"/> as a Microsoft Teams message: an Adaptive Card 1.4 in the <c>message</c> envelope that both
/// Office 365 incoming webhooks and Power Automate "post to a channel when a webhook request is received" flows accept.
/// Tables are ColumnSets (the Table element needs 1.5, which connectors do not render everywhere); a card that would pass
/// Teams' message size limit loses table rows first (shown as "… N more rows"), then the end of its text.
/// </summary>
public static class TeamsAdaptiveCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";
    public const string Version = "1.4";
    public const string OpenLinkTitle = "Open in dashboard";

    /// <summary>Teams refuses messages over about 28 KB; this leaves room for the HTTP framing it also counts.</summary>
    public const int DefaultMaxBytes = 27 * 1024;

    /// <summary>What is left of a text cut to fit: enough to say what happened, the rest is on the dashboard.</summary>
    private const int ShortTextChars = 1500;

    public static JsonObject Render(AlertCard card, int maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(card);
        var whole = Envelope(card, rowCap: null, textCap: null);
        if (Fits(whole, maxBytes))
        {
            return whole;
        }

        // The most rows per table that still fit, by bisection (a render is cheap next to a webhook post).
        var longest = card.Tables.Select(t => t.Rows.Count).DefaultIfEmpty(0).Max();
        JsonObject? best = null;
        var (low, high) = (0, longest - 1);
        while (low <= high)
        {
            var cap = low + ((high - low) / 2);
            var candidate = Envelope(card, cap, textCap: null);
            if (Fits(candidate, maxBytes))
            {
                (best, low) = (candidate, cap + 1);
            }
            else
            {
                high = cap - 1;
            }
        }

        // Not even the tables' headings fit beside the whole text: the text's start has to do.
        return best ?? Envelope(card, rowCap: 0, ShortTextChars);
    }

    /// <summary>The Teams title colour of a severity.</summary>
    public static string Colour(CardSeverity severity) => severity switch
    {
        CardSeverity.Error => "attention",
        CardSeverity.Warning => "warning",
        _ => "good",
    };

    public static int SizeInBytes(JsonNode payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return Encoding.UTF8.GetByteCount(payload.ToJsonString());
    }

    private static bool Fits(JsonNode payload, int maxBytes) => SizeInBytes(payload) <= maxBytes;

    private static JsonObject Envelope(AlertCard card, int? rowCap, int? textCap) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = ContentType,
            ["contentUrl"] = null,
            ["content"] = Card(card, rowCap, textCap),
        }),
    };

    private static JsonObject Card(AlertCard card, int? rowCap, int? textCap)
    {
        var body = new JsonArray
        {
            TextBlock($"{card.Kind.Label()} · {card.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC", subtle: true),
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = card.Title,
                ["size"] = "Large",
                ["weight"] = "Bolder",
                ["color"] = Colour(card.Severity),
                ["wrap"] = true,
            },
        };
        if (!string.IsNullOrWhiteSpace(card.Text))
        {
            body.Add(TextBlock(Paragraphs(Shorten(card.Text, textCap))));
        }

        var facts = card.ShownFacts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Key, ["value"] = f.Value }).ToArray();
        if (facts.Length > 0)
        {
            body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = new JsonArray(facts) });
        }

        foreach (var table in card.Tables)
        {
            AddTable(body, table, rowCap);
        }

        foreach (var chart in card.Charts)
        {
            body.Add(new JsonObject { ["type"] = "Image", ["url"] = chart.ImageUrl, ["altText"] = chart.Title, ["size"] = "Stretch" });
        }

        var content = new JsonObject
        {
            ["$schema"] = Schema,
            ["type"] = "AdaptiveCard",
            ["version"] = Version,
            ["msteams"] = new JsonObject { ["width"] = "Full" },
            ["body"] = body,
        };
        if (!string.IsNullOrWhiteSpace(card.Link))
        {
            content["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = OpenLinkTitle, ["url"] = card.Link });
        }

        return content;
    }

    private static void AddTable(JsonArray body, CardTable table, int? rowCap)
    {
        body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = table.Heading, ["weight"] = "Bolder", ["wrap"] = true, ["separator"] = true });
        body.Add(Row(table.Columns, table.Columns.Count, header: true));
        var shown = Math.Min(table.Rows.Count, rowCap ?? int.MaxValue);
        foreach (var row in table.Rows.Take(shown))
        {
            body.Add(Row(row, table.Columns.Count, header: false));
        }

        if (table.Rows.Count > shown)
        {
            body.Add(TextBlock(CardTable.MoreRows(table.Rows.Count - shown), subtle: true));
        }
    }

    private static JsonObject Row(IReadOnlyList<string> cells, int columns, bool header)
    {
        var width = Math.Max(columns, cells.Count);
        var items = Enumerable.Range(0, width).Select(i =>
        {
            var cell = new JsonObject { ["type"] = "TextBlock", ["text"] = i < cells.Count ? cells[i] : "", ["wrap"] = true, ["spacing"] = "None" };
            if (header)
            {
                cell["weight"] = "Bolder";
            }

            return (JsonNode)new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = new JsonArray(cell) };
        });
        return new JsonObject { ["type"] = "ColumnSet", ["spacing"] = "Small", ["columns"] = new JsonArray(items.ToArray()) };
    }

    private static JsonObject TextBlock(string text, bool subtle = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (subtle)
        {
            block["isSubtle"] = true;
            block["size"] = "Small";
        }

        return block;
    }

    /// <summary>Teams joins single line breaks in a TextBlock; a blank line between lines keeps them apart.</summary>
    private static string Paragraphs(string text) => text.ReplaceLineEndings("\n").Replace("\n", "\n\n", StringComparison.Ordinal);

    private static string Shorten(string text, int? cap) => cap is { } c && text.Length > c ? string.Concat(text.AsSpan(0, c), " …") : text;
}
