namespace SglangCi.Toolkit.Alerts;

/// <summary>How bad a card's news is: decides the title's colour in Teams and the marker in Slack.</summary>
public enum CardSeverity
{
    Info = 0,
    Warning = 1,
    Error = 2,
}
