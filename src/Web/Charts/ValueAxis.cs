namespace SglangCi.Web.Charts;

/// <summary>
/// A y axis over a range of values: bounds widened to round steps (1, 2 or 5 × a power of ten) so that tick labels
/// read as numbers a person would write, and a scale from values to pixel rows.
/// </summary>
public sealed class ValueAxis
{
    private ValueAxis(double minimum, double maximum, double step)
    {
        Minimum = minimum;
        Maximum = maximum;
        Step = step;
    }

    public double Minimum { get; }

    public double Maximum { get; }

    public double Step { get; }

    /// <summary>The tick values from <see cref="Minimum"/> to <see cref="Maximum"/>.</summary>
    public IEnumerable<double> Ticks()
    {
        var count = (int)Math.Round((Maximum - Minimum) / Step);
        for (var i = 0; i <= count; i++)
        {
            yield return Minimum + (i * Step);
        }
    }

    /// <summary>An axis that holds every value with about <paramref name="targetTicks"/> ticks.</summary>
    public static ValueAxis Covering(IReadOnlyCollection<double> values, int targetTicks = 5)
    {
        var low = values.Count == 0 ? 0 : values.Min();
        var high = values.Count == 0 ? 1 : values.Max();
        if (high - low <= Math.Abs(high) * 1e-9)
        {
            // A flat series still needs a range to draw in: ±10 % around it (±1 around zero).
            var half = high == 0 ? 1 : Math.Abs(high) * 0.1;
            low -= half;
            high += half;
        }

        var step = RoundStep((high - low) / targetTicks);
        return new ValueAxis(Math.Floor(low / step) * step, Math.Ceiling(high / step) * step, step);
    }

    /// <summary>The pixel row of <paramref name="value"/> between <paramref name="bottom"/> and <paramref name="top"/>.</summary>
    public float ToPixel(double value, float top, float bottom) =>
        bottom - (float)((value - Minimum) / (Maximum - Minimum) * (bottom - top));

    /// <summary>A tick label with no more digits than the step needs (thousands grouped: 12,400 reads faster than 12400).</summary>
    public string Format(double value)
    {
        var decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(Step)), 0, 6);
        return value.ToString("N" + decimals, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static double RoundStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
