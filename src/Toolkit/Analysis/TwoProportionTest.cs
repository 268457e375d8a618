namespace SglangCi.Toolkit.Analysis;

/// <summary>
/// The two-proportion z-test for GSM8K accuracies of two runs (correct answers out of questions each): is the difference
/// more than the luck of which questions a model happened to get right? With 1,319 questions a 2-point difference is
/// about the edge of significance; with 200 it takes about 7 points.
/// </summary>
public static class TwoProportionTest
{
    public static ProportionComparison Compare(int correctA, int questionsA, int correctB, int questionsB)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(questionsA, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(questionsB, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(correctA);
        ArgumentOutOfRangeException.ThrowIfNegative(correctB);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(correctA, questionsA);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(correctB, questionsB);

        var (a, b) = ((double)correctA / questionsA, (double)correctB / questionsB);
        var pooled = (double)(correctA + correctB) / (questionsA + questionsB);
        var error = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / questionsA) + (1.0 / questionsB)));
        var z = error > 0 ? (b - a) / error : 0;
        return new ProportionComparison(a, b, b - a, z, error > 0 ? 2 * (1 - NormalCdf(Math.Abs(z))) : 1);
    }

    /// <summary>Standard normal CDF through the complementary error function (Abramowitz–Stegun 7.1.26, error &lt; 1.5e-7).</summary>
    private static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    private static double Erfc(double x)
    {
        var t = 1 / (1 + (0.3275911 * Math.Abs(x)));
        var poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        var erfcAbs = poly * Math.Exp(-x * x);
        return x >= 0 ? erfcAbs : 2 - erfcAbs;
    }
}
