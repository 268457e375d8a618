using System.Globalization;
using System.Numerics;

namespace SglangCi.Toolkit.Text;

/// <summary>
/// The few Python formatting rules our reports must reproduce byte for byte (SGLang's tools print with Python),
/// so logs we write look exactly like the logs people and existing parsers already know.
/// </summary>
internal static class PythonFormat
{
    /// <summary><c>"{s:{fill}^{width}}".format(...)</c>: centred, the odd fill character going to the right.</summary>
    public static string Center(string text, int width, char fill)
    {
        var padding = width - text.Length;
        if (padding <= 0)
        {
            return text;
        }

        var left = padding / 2;
        return new string(fill, left) + text + new string(fill, padding - left);
    }

    /// <summary>
    /// <c>f"{x:.Nf}"</c>: rounds the exact binary value, ties to even, as Python does. .NET's "F" format rounds
    /// exact ties away from zero (0.8125 → "0.813" where Python prints "0.812"), so the digits are computed here.
    /// </summary>
    public static string Fixed(double value, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        if (!double.IsFinite(value))
        {
            return FloatRepr(value);
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (exponent == 0)
        {
            exponent = 1; // subnormal
        }
        else
        {
            mantissa |= 1L << 52;
        }

        exponent -= 1075; // |value| = mantissa · 2^exponent exactly

        var numerator = new BigInteger(mantissa) * BigInteger.Pow(10, decimals);
        BigInteger scaled;
        if (exponent >= 0)
        {
            scaled = numerator << exponent;
        }
        else
        {
            var denominator = BigInteger.One << -exponent;
            scaled = BigInteger.DivRem(numerator, denominator, out var remainder);
            var comparison = (remainder * 2).CompareTo(denominator);
            if (comparison > 0 || (comparison == 0 && !scaled.IsEven))
            {
                scaled += 1;
            }
        }

        var digits = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var text = decimals == 0 ? digits : digits[..^decimals] + "." + digits[^decimals..];
        return negative ? "-" + text : text;
    }

    /// <summary><c>str(float)</c> for the values a request rate takes: <c>inf</c>, <c>4.0</c>, <c>0.5</c>.</summary>
    public static string FloatRepr(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-inf";
        }

        if (double.IsNaN(value))
        {
            return "nan";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }
}
