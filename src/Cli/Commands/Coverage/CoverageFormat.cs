namespace SglangCi.Cli.Commands.Coverage;

/// <summary>What <c>coverage</c> writes: a terminal table, or one of the machine/report formats.</summary>
public enum CoverageFormat
{
    Text,
    Json,
    Markdown,
    Csv,
}
