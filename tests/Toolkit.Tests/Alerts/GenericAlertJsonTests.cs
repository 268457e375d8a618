using System.Text.Json;
using SglangCi.Toolkit.Alerts;

namespace SglangCi.Toolkit.Tests.Alerts;

public sealed class GenericAlertJsonTests
{
    [Fact]
    public void Carries_every_field_of_the_card()
    {
        using var json = JsonDocument.Parse(GenericAlertJson.Render(SampleCards.Full(CardKind.UnitPdTest, CardSeverity.Warning), includeKey: false).ToJsonString());
        var root = json.RootElement;

        Assert.Equal("mi35x night 2026-11-30: 2 regressions", root.GetProperty("title").GetString());
        Assert.Equal("unit-pd-test", root.GetProperty("kind").GetString());
        Assert.Equal("warning", root.GetProperty("severity").GetString());
        Assert.Equal("Two series got slower.\nOne got faster.", root.GetProperty("text").GetString());
        Assert.Equal("", root.GetProperty("facts").GetProperty("empty").GetString());
        var table = root.GetProperty("tables")[0];
        Assert.Equal("Regressions", table.GetProperty("heading").GetString());
        Assert.Equal("change", table.GetProperty("columns")[2].GetString());
        Assert.Equal("+2.0%", table.GetProperty("rows")[1][2].GetString());
        Assert.Equal("https://ci.example/charts/p99.png", root.GetProperty("charts")[0].GetProperty("imageUrl").GetString());
        Assert.Equal("https://ci.example/runs/night-1", root.GetProperty("link").GetString());
        Assert.Equal(SampleCards.CreatedAt, root.GetProperty("createdAt").GetDateTimeOffset());
        Assert.False(root.TryGetProperty("dedupeKey", out _));
    }

    [Fact]
    public void Carries_the_dedupe_key_when_asked()
    {
        var json = GenericAlertJson.Render(SampleCards.Full(), includeKey: true);

        Assert.Equal("night/mi35x/2026-11-30", (string?)json["dedupeKey"]);
    }
}
