namespace SglangCi.Toolkit.Alerts;

/// <summary>A chart on a card: the absolute URL of a PNG the dashboard serves, and its title (also its alternative text).</summary>
public sealed record CardChart(string Title, string ImageUrl);
