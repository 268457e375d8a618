using SglangCi.Toolkit.Alerts;

namespace SglangCi.Toolkit.Tests.Alerts;

/// <summary>Cards for the renderer tests: one with every part, and tables of any length.</summary>
internal static class SampleCards
{
    public static readonly DateTimeOffset CreatedAt = new(2026, 11, 30, 6, 15, 0, TimeSpan.Zero);

    public static AlertCard Full(CardKind kind = CardKind.BenchmarkNight, CardSeverity severity = CardSeverity.Error) => new(
        Key: "night/mi35x/2026-11-30",
        Kind: kind,
        Severity: severity,
        Title: "mi35x night 2026-11-30: 2 regressions",
        Text: "Two series got slower.\nOne got faster.",
        Facts: [new("hardware", "mi35x"), new("image", "rocm/sgl-dev:20261130"), new("empty", "")],
        Tables: [Table("Regressions", 2)],
        Charts: [new CardChart("p99 E2E, deepseek", "https://ci.example/charts/p99.png")],
        Link: "https://ci.example/runs/night-1",
        CreatedAt: CreatedAt);

    public static CardTable Table(string heading, int rows) => new(
        heading,
        ["series", "metric", "change"],
        Enumerable.Range(1, rows).Select(i => (IReadOnlyList<string>)[$"deepseek-v3 c={i}", "p99 E2E", $"+{i}.0%"]).ToList());

    public static AlertCard WithFacts(int count) => Full() with
    {
        Facts = Enumerable.Range(1, count).Select(i => new KeyValuePair<string, string>($"fact {i}", $"value {i}")).ToList(),
    };
}
