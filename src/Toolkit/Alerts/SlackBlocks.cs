using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SglangCi.Toolkit.Alerts;

/// <summary>
/// An <see cref="AlertCard"/> as a Slack incoming-webhook message: a plain <c>text</c> fallback (notifications, old
/// clients) and Block Kit blocks — header, kind line, text, facts as section fields, each table as a monospace block,
/// charts as image blocks and a button to the dashboard. Slack's own limits are kept (150-character header, 3000
/// characters of section text, 10 fields of 2000 characters per section, 50 blocks), so Slack never refuses a card
/// for its size: long tables lose rows ("… N more rows"), long text is cut.
/// </summary>
public static class SlackBlocks
{
    public const int MaxFieldsPerSection = 10;
    public const int MaxSectionTextChars = 3000;
    public const int MaxFieldChars = 2000;
    public const int MaxHeaderChars = 150;
    public const int MaxBlocks = 50;

    public static JsonObject Render(AlertCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var blocks = new List<JsonNode>
        {
            new JsonObject { ["type"] = "header", ["text"] = PlainText(Cut(card.Title, MaxHeaderChars)) },
            new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray(Mrkdwn($"{Marker(card.Severity)} *{Escape(card.Kind.Label())}* · {card.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC")),
            },
        };
        if (!string.IsNullOrWhiteSpace(card.Text))
        {
            blocks.Add(Section(Cut(Escape(card.Text), MaxSectionTextChars)));
        }

        foreach (var chunk in card.ShownFacts.Chunk(MaxFieldsPerSection))
        {
            var fields = chunk.Select(f => (JsonNode)Mrkdwn(Cut($"*{Escape(f.Key)}*\n{Escape(f.Value)}", MaxFieldChars))).ToArray();
            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = new JsonArray(fields) });
        }

        blocks.AddRange(card.Tables.Select(t => (JsonNode)Section(Table(t))));
        // Links, not image blocks: Slack fetches an image block's URL when the message is posted and refuses the whole
        // message (400 invalid_blocks) when it cannot, so a dashboard reachable only inside the company would jam the
        // channel's outbox. A link opens fine from anywhere the reader's browser can reach.
        if (card.Charts.Count > 0)
        {
            blocks.Add(Section(Cut("*Charts*\n" + string.Join("\n", card.Charts.Select(c => $"<{c.ImageUrl}|{Escape(c.Title).Replace("|", "¦", StringComparison.Ordinal)}>")), MaxSectionTextChars)));
        }

        JsonNode? actions = string.IsNullOrWhiteSpace(card.Link) ? null : new JsonObject
        {
            ["type"] = "actions",
            ["elements"] = new JsonArray(new JsonObject
            {
                ["type"] = "button",
                ["text"] = PlainText(TeamsAdaptiveCard.OpenLinkTitle),
                ["url"] = card.Link,
            }),
        };

        // The dashboard button outlives a cut: it is where the rest can be read.
        var room = MaxBlocks - (actions is null ? 0 : 1);
        var kept = blocks.Take(room).ToList();
        if (actions is not null)
        {
            kept.Add(actions);
        }

        return new JsonObject
        {
            ["text"] = Fallback(card),
            ["blocks"] = new JsonArray(kept.ToArray()),
        };
    }

    /// <summary>The notification line: what a phone or an old client shows instead of the blocks.</summary>
    public static string Fallback(AlertCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return Cut($"[{card.Severity.WireName()}] {card.Kind.Label()}: {card.Title}", MaxSectionTextChars);
    }

    /// <summary>Slack reads &amp;, &lt; and &gt; in mrkdwn as markup; escaped, text shows as written.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    /// <summary>A table as aligned columns in a code block under its heading, cut row by row to fit one section.</summary>
    private static string Table(CardTable table)
    {
        var width = Math.Max(table.Columns.Count, table.Rows.Select(r => r.Count).DefaultIfEmpty(0).Max());
        string Cell(IReadOnlyList<string> row, int i) => i < row.Count ? row[i].ReplaceLineEndings(" ") : "";
        var widths = Enumerable.Range(0, width)
            .Select(i => table.Rows.Prepend(table.Columns).Max(r => Cell(r, i).Length))
            .ToArray();
        string Line(IReadOnlyList<string> row) => string.Join("  ", Enumerable.Range(0, width).Select(i => Cell(row, i).PadRight(widths[i]))).TrimEnd();

        var head = $"*{Escape(table.Heading)}*\n```\n{Escape(Line(table.Columns))}\n";
        const string Close = "```";
        var text = new StringBuilder(head);
        var shown = 0;
        foreach (var row in table.Rows)
        {
            var line = Escape(Line(row)) + "\n";
            // Room for the "… N more rows" line, sized for the largest N it could say.
            var reserve = shown + 1 < table.Rows.Count ? CardTable.MoreRows(table.Rows.Count).Length + 1 : 0;
            if (text.Length + line.Length + reserve + Close.Length > MaxSectionTextChars)
            {
                break;
            }

            text.Append(line);
            shown++;
        }

        text.Append(Close);
        if (shown < table.Rows.Count)
        {
            text.Append('\n').Append(CardTable.MoreRows(table.Rows.Count - shown));
        }

        return Cut(text.ToString(), MaxSectionTextChars);
    }

    private static string Marker(CardSeverity severity) => severity switch
    {
        CardSeverity.Error => ":red_circle:",
        CardSeverity.Warning => ":large_orange_circle:",
        _ => ":large_green_circle:",
    };

    private static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = Mrkdwn(mrkdwn) };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
