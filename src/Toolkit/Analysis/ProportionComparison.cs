namespace SglangCi.Toolkit.Analysis;

/// <summary>Two accuracies compared: their difference (B − A), the pooled two-proportion z statistic and its two-sided
/// p-value; <see cref="Significant"/> at the 5 % level.</summary>
public sealed record ProportionComparison(double AccuracyA, double AccuracyB, double Difference, double Z, double PValue)
{
    public bool Significant => PValue < 0.05;
}
