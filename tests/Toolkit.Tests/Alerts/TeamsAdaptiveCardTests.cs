using System.Text.Json.Nodes;
using SglangCi.Toolkit.Alerts;

namespace SglangCi.Toolkit.Tests.Alerts;

public sealed class TeamsAdaptiveCardTests
{
    [Fact]
    public void Wraps_an_adaptive_card_1_4_in_the_message_envelope()
    {
        var payload = TeamsAdaptiveCard.Render(SampleCards.Full());

        Assert.Equal("message", (string?)payload["type"]);
        var attachment = Assert.Single(payload["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        Assert.True(attachment.AsObject().ContainsKey("contentUrl"));
        Assert.Null(attachment["contentUrl"]);
        var content = attachment["content"]!;
        Assert.Equal("AdaptiveCard", (string?)content["type"]);
        Assert.Equal("1.4", (string?)content["version"]);
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", (string?)content["$schema"]);
        Assert.Equal("Full", (string?)content["msteams"]!["width"]);
    }

    [Theory]
    [InlineData(CardSeverity.Error, "attention")]
    [InlineData(CardSeverity.Warning, "warning")]
    [InlineData(CardSeverity.Info, "good")]
    public void Colours_the_title_by_severity(CardSeverity severity, string colour)
    {
        var title = Body(TeamsAdaptiveCard.Render(SampleCards.Full(severity: severity)))
            .Single(b => (string?)b["text"] == "mi35x night 2026-11-30: 2 regressions");

        Assert.Equal(colour, (string?)title["color"]);
        Assert.Equal("Bolder", (string?)title["weight"]);
    }

    [Theory]
    [InlineData(CardKind.BenchmarkNight, "Benchmark night")]
    [InlineData(CardKind.SanityCheck, "Sanity check")]
    [InlineData(CardKind.DailySummary, "Daily summary")]
    [InlineData(CardKind.ImageAvailability, "Image availability")]
    [InlineData(CardKind.UnitPdTest, "Unit / PD test")]
    [InlineData(CardKind.Coverage, "Coverage")]
    [InlineData(CardKind.Housekeeping, "Housekeeping")]
    [InlineData(CardKind.Run, "Run")]
    public void Opens_with_the_kind_line(CardKind kind, string label)
    {
        var first = Body(TeamsAdaptiveCard.Render(SampleCards.Full(kind)))[0];

        Assert.Equal($"{label} · 2026-11-30 06:15 UTC", (string?)first["text"]);
    }

    [Fact]
    public void Shows_text_as_paragraphs_and_facts_with_values_as_a_fact_set()
    {
        var body = Body(TeamsAdaptiveCard.Render(SampleCards.Full()));

        Assert.Contains(body, b => (string?)b["text"] == "Two series got slower.\n\nOne got faster.");
        var facts = body.Single(b => (string?)b["type"] == "FactSet")["facts"]!.AsArray();
        Assert.Equal(["hardware", "image"], facts.Select(f => (string?)f!["title"]));
        Assert.Equal("rocm/sgl-dev:20261130", (string?)facts[1]!["value"]);
    }

    [Fact]
    public void Shows_a_table_as_a_heading_a_header_row_and_a_column_set_per_row()
    {
        var body = Body(TeamsAdaptiveCard.Render(SampleCards.Full()));

        var heading = body.FindIndex(b => (string?)b["text"] == "Regressions");
        Assert.True(heading > 0);
        var rows = body.Skip(heading + 1).TakeWhile(b => (string?)b["type"] == "ColumnSet").Select(Cells).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(["series", "metric", "change"], rows[0]);
        Assert.Equal(["deepseek-v3 c=2", "p99 E2E", "+2.0%"], rows[2]);
        var header = body[heading + 1]["columns"]![0]!["items"]![0]!;
        Assert.Equal("Bolder", (string?)header["weight"]);
    }

    [Fact]
    public void Shows_charts_as_images_and_the_link_as_an_open_url_action()
    {
        var payload = TeamsAdaptiveCard.Render(SampleCards.Full());

        var image = Body(payload).Single(b => (string?)b["type"] == "Image");
        Assert.Equal("https://ci.example/charts/p99.png", (string?)image["url"]);
        Assert.Equal("p99 E2E, deepseek", (string?)image["altText"]);
        var action = Assert.Single(Content(payload)["actions"]!.AsArray())!;
        Assert.Equal("Action.OpenUrl", (string?)action["type"]);
        Assert.Equal("Open in dashboard", (string?)action["title"]);
        Assert.Equal("https://ci.example/runs/night-1", (string?)action["url"]);
    }

    [Fact]
    public void Has_no_actions_without_a_link()
    {
        var payload = TeamsAdaptiveCard.Render(SampleCards.Full() with { Link = null });

        Assert.False(Content(payload).AsObject().ContainsKey("actions"));
    }

    [Fact]
    public void Cuts_long_tables_to_fit_the_size_limit_and_says_how_many_rows_are_left_out()
    {
        var card = SampleCards.Full() with { Tables = [SampleCards.Table("Regressions", 2000)] };

        var payload = TeamsAdaptiveCard.Render(card);

        var size = TeamsAdaptiveCard.SizeInBytes(payload);
        Assert.True(size <= TeamsAdaptiveCard.DefaultMaxBytes, $"{size} bytes");
        var body = Body(payload);
        var shownRows = body.Count(b => (string?)b["type"] == "ColumnSet") - 1;
        Assert.InRange(shownRows, 10, 1999);
        Assert.Contains(body, b => (string?)b["text"] == $"… {2000 - shownRows} more rows");
        // Everything but the rows is still there.
        Assert.Contains(body, b => (string?)b["type"] == "Image");
        Assert.Contains(body, b => (string?)b["type"] == "FactSet");
    }

    [Fact]
    public void Keeps_a_card_that_fits_whole()
    {
        var card = SampleCards.Full() with { Tables = [SampleCards.Table("Regressions", 40)] };

        var body = Body(TeamsAdaptiveCard.Render(card));

        Assert.Equal(41, body.Count(b => (string?)b["type"] == "ColumnSet"));
        Assert.DoesNotContain(body, b => ((string?)b["text"])?.Contains("more rows", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Cuts_the_text_when_even_a_card_without_rows_is_too_big()
    {
        var card = SampleCards.Full() with { Text = new string('x', 40_000), Tables = [SampleCards.Table("Regressions", 5)] };

        var payload = TeamsAdaptiveCard.Render(card);

        Assert.True(TeamsAdaptiveCard.SizeInBytes(payload) <= TeamsAdaptiveCard.DefaultMaxBytes);
        Assert.Contains(Body(payload), b => (string?)b["text"] == "… 5 more rows");
    }

    private static JsonNode Content(JsonObject payload) => payload["attachments"]![0]!["content"]!;

    private static List<JsonNode> Body(JsonObject payload) => Content(payload)["body"]!.AsArray().Select(b => b!).ToList();

    private static List<string?> Cells(JsonNode columnSet) =>
        columnSet["columns"]!.AsArray().Select(c => (string?)c!["items"]![0]!["text"]).ToList();
}
