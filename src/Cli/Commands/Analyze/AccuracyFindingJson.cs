using SglangCi.Cli.Output;
using SglangCi.Grains.Analysis;
using SglangCi.Toolkit.Analysis;

namespace SglangCi.Cli.Commands.Analyze;

/// <summary>A night of a GSM8K accuracy series that was below the threshold or regressed above it (accuracies 0..1; <c>drop</c> positive when worse).</summary>
public sealed record AccuracyFindingJson(
    string Hardware, string Host, string Model, string Mode, string Night, string Verdict, double Mean, double? Baseline, double? Drop,
    double? RequiredDrop, int Trials, string? Image, string? BaselineImage, bool Opens)
{
    public static AccuracyFindingJson From(AccuracyFinding f) => new(
        f.Hardware, f.Host, f.Model, f.Mode, WireFormat.Date(f.Night)!, f.Verdict == AccuracyVerdict.BelowThreshold ? "below-threshold" : "accuracy-regression",
        Math.Round(f.Mean, 4), Round(f.Baseline), Round(f.Drop), Round(f.RequiredDrop), f.Trials, f.Image, f.BaselineImage, f.Opens);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}
