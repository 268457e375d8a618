using SglangCi.Interfaces.Alerts;
using SglangCi.Toolkit.Alerts;

namespace SglangCi.Grains.Alerts;

/// <summary>An <see cref="AlertMessage"/> as the Toolkit's <see cref="AlertCard"/>, which every renderer reads.</summary>
public static class AlertCards
{
    public static AlertCard From(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new AlertCard(
            message.DedupeKey,
            (CardKind)(int)message.Kind,
            (CardSeverity)(int)message.Severity,
            message.Title,
            message.Text,
            message.Facts.ToList(),
            message.Tables.Select(t => new CardTable(t.Heading, t.Columns, t.Rows)).ToList(),
            message.Charts.Select(c => new CardChart(c.Title, c.ImageUrl)).ToList(),
            message.Link,
            message.CreatedAt);
    }
}
