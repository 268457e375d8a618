namespace SglangCi.Interfaces.Analysis;

/// <summary>An alert's lifecycle: open → acknowledged (someone is on it) → resolved (the series recovered, or by hand).</summary>
[GenerateSerializer]
public enum SeriesAlertStatus
{
    Open = 0,
    Acknowledged = 1,
    Resolved = 2,
}
