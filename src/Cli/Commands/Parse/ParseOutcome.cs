using System.Text.Json.Nodes;

namespace SglangCi.Cli.Commands.Parse;

/// <summary>What a registered parser hands back: the JSON document, plus warnings for stderr (e.g. a truncated block).</summary>
public sealed record ParseOutcome(JsonNode Json, IReadOnlyList<string> Warnings)
{
    public static implicit operator ParseOutcome(JsonNode json) => new(json, []);

    public static ParseOutcome FromJsonNode(JsonNode json) => json;
}
