namespace SglangCi.Toolkit.Alerts;

/// <summary>
/// Everything a card shows, in the one shape every renderer reads (<see cref="TeamsAdaptiveCard"/>,
/// <see cref="SlackBlocks"/>, <see cref="GenericAlertJson"/>).
/// </summary>
/// <param name="Key">The alert's dedupe key; only the generic JSON of a file line carries it.</param>
/// <param name="Link">The dashboard page the card's button opens; no button when null.</param>
public sealed record AlertCard(
    string Key,
    CardKind Kind,
    CardSeverity Severity,
    string Title,
    string Text,
    IReadOnlyList<KeyValuePair<string, string>> Facts,
    IReadOnlyList<CardTable> Tables,
    IReadOnlyList<CardChart> Charts,
    string? Link,
    DateTimeOffset CreatedAt)
{
    /// <summary>Facts worth a line on a chat card: an empty value says nothing there (the generic JSON keeps them all).</summary>
    public IEnumerable<KeyValuePair<string, string>> ShownFacts => Facts.Where(f => !string.IsNullOrWhiteSpace(f.Value));
}
