namespace SglangCi.Web.ViewModels.Alerts;

/// <summary>One choice of the alerts page's hardware filter: all hardware (null) or one, with its active alerts counted.</summary>
public sealed record AlertsFilter(string? Hardware, int ActiveCount, bool Selected)
{
    public string Text => Hardware ?? "all hardware";

    /// <summary>The page's link for this choice (<c>alerts?hardware=mi30x</c>, the link Teams cards use).</summary>
    public string Href => "alerts" + QueryString.Of(("hardware", Hardware));
}
