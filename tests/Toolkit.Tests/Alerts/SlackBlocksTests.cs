using System.Text.Json.Nodes;
using SglangCi.Toolkit.Alerts;

namespace SglangCi.Toolkit.Tests.Alerts;

public sealed class SlackBlocksTests
{
    [Fact]
    public void Has_a_fallback_text_a_header_a_kind_line_and_the_text()
    {
        var payload = SlackBlocks.Render(SampleCards.Full(CardKind.SanityCheck, CardSeverity.Warning) with { Text = "a < b & c" });

        Assert.Equal("[warning] Sanity check: mi35x night 2026-11-30: 2 regressions", (string?)payload["text"]);
        var blocks = Blocks(payload);
        Assert.Equal("header", (string?)blocks[0]["type"]);
        Assert.Equal("plain_text", (string?)blocks[0]["text"]!["type"]);
        Assert.Equal("mi35x night 2026-11-30: 2 regressions", (string?)blocks[0]["text"]!["text"]);
        Assert.Equal("context", (string?)blocks[1]["type"]);
        Assert.Contains("*Sanity check*", (string?)blocks[1]["elements"]![0]!["text"], StringComparison.Ordinal);
        Assert.Equal("a &lt; b &amp; c", (string?)blocks[2]["text"]!["text"]);
        Assert.Equal("mrkdwn", (string?)blocks[2]["text"]!["type"]);
    }

    [Fact]
    public void Puts_facts_in_sections_of_at_most_ten_fields()
    {
        var blocks = Blocks(SlackBlocks.Render(SampleCards.WithFacts(23)));

        var sections = blocks.Where(b => b.AsObject().ContainsKey("fields")).ToList();
        Assert.Equal([10, 10, 3], sections.Select(s => s["fields"]!.AsArray().Count));
        Assert.Equal("*fact 11*\nvalue 11", (string?)sections[1]["fields"]![0]!["text"]);
    }

    [Fact]
    public void Leaves_out_facts_without_a_value()
    {
        var fields = Blocks(SlackBlocks.Render(SampleCards.Full())).Single(b => b.AsObject().ContainsKey("fields"))["fields"]!.AsArray();

        Assert.Equal(["*hardware*\nmi35x", "*image*\nrocm/sgl-dev:20261130"], fields.Select(f => (string?)f!["text"]));
    }

    [Fact]
    public void Shows_a_table_as_aligned_monospace_rows_under_its_heading()
    {
        var table = Blocks(SlackBlocks.Render(SampleCards.Full())).Select(b => (string?)b["text"]?["text"]).Single(t => t?.StartsWith("*Regressions*", StringComparison.Ordinal) == true)!;

        var lines = table.Split('\n');
        Assert.Equal("```", lines[1]);
        Assert.Equal("series           metric   change", lines[2]);
        Assert.Equal("deepseek-v3 c=1  p99 E2E  +1.0%", lines[3]);
        Assert.Equal("```", lines[^1]);
    }

    [Fact]
    public void Cuts_a_long_table_to_one_section_and_says_how_many_rows_are_left_out()
    {
        var card = SampleCards.Full() with { Tables = [SampleCards.Table("Regressions", 500)] };

        var table = Blocks(SlackBlocks.Render(card)).Select(b => (string?)b["text"]?["text"]).Single(t => t?.StartsWith("*Regressions*", StringComparison.Ordinal) == true)!;

        Assert.True(table.Length <= SlackBlocks.MaxSectionTextChars, $"{table.Length} characters");
        var shown = table.Split('\n').Count(l => l.StartsWith("deepseek", StringComparison.Ordinal));
        Assert.EndsWith($"```\n… {500 - shown} more rows", table, StringComparison.Ordinal);
        Assert.InRange(shown, 50, 499);
    }

    [Fact]
    public void Shows_charts_as_links_never_as_image_blocks_and_the_link_as_a_button_last()
    {
        var blocks = Blocks(SlackBlocks.Render(SampleCards.Full()));

        // Slack refuses a whole message whose image block it cannot fetch (a dashboard inside the company network).
        Assert.DoesNotContain(blocks, b => (string?)b["type"] == "image");
        var charts = blocks.Single(b => ((string?)b["text"]?["text"])?.StartsWith("*Charts*", StringComparison.Ordinal) == true);
        Assert.Equal("*Charts*\n<https://ci.example/charts/p99.png|p99 E2E, deepseek>", (string?)charts["text"]!["text"]);
        var actions = blocks[^1];
        Assert.Equal("actions", (string?)actions["type"]);
        var button = actions["elements"]![0]!;
        Assert.Equal("button", (string?)button["type"]);
        Assert.Equal("https://ci.example/runs/night-1", (string?)button["url"]);
        Assert.Equal("Open in dashboard", (string?)button["text"]!["text"]);
    }

    [Fact]
    public void Keeps_within_fifty_blocks_and_keeps_the_button()
    {
        var card = SampleCards.Full() with { Tables = Enumerable.Range(1, 80).Select(i => SampleCards.Table($"table {i}", 2)).ToList() };

        var blocks = Blocks(SlackBlocks.Render(card));

        Assert.Equal(SlackBlocks.MaxBlocks, blocks.Count);
        Assert.Equal("actions", (string?)blocks[^1]["type"]);
    }

    [Fact]
    public void Has_no_button_without_a_link_and_cuts_a_long_title()
    {
        var blocks = Blocks(SlackBlocks.Render(SampleCards.Full() with { Link = null, Title = new string('t', 400) }));

        Assert.DoesNotContain(blocks, b => (string?)b["type"] == "actions");
        Assert.Equal(SlackBlocks.MaxHeaderChars, ((string?)blocks[0]["text"]!["text"])!.Length);
    }

    private static List<JsonNode> Blocks(JsonObject payload) => payload["blocks"]!.AsArray().Select(b => b!).ToList();
}
