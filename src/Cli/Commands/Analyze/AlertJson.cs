using SglangCi.Cli.Output;
using SglangCi.Interfaces.Analysis;

namespace SglangCi.Cli.Commands.Analyze;

/// <summary>An active alert as the regression watch stored it (<c>change</c> relative and positive when worse).</summary>
public sealed record AlertJson(
    string Id, string Kind, string Status, string Hardware, string Host, string Model, string Mode, double? Load, string Metric,
    string OpenedNight, string? Since, string LastNight, double? Baseline, double? Value, double? Change, string? Image, string? BaselineImage,
    string? AcknowledgedBy, string? Note)
{
    public static AlertJson From(SeriesAlert a) => new(
        a.Id, SeriesAlertWords.Of(a.Kind), SeriesAlertWords.Of(a.Status), a.Hardware, a.Host, a.Model, a.Mode, a.Load, a.Metric,
        WireFormat.Date(a.OpenedNight)!, WireFormat.Date(a.Since), WireFormat.Date(a.LastNight)!, a.Baseline, a.Value,
        a.Change is { } c ? Math.Round(c, 4) : null, a.Image, a.BaselineImage, a.AcknowledgedBy, a.Note);
}
