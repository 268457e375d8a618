namespace SglangCi.Cli.Commands.Compare;

/// <summary>What <c>compare</c> writes: Markdown for people and PR comments, a standalone HTML page, or JSON for scripts.</summary>
public enum CompareFormat
{
    Markdown,
    Html,
    Json,
}
