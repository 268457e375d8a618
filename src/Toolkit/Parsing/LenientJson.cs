using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SglangCi.Toolkit.Parsing;

/// <summary>
/// Reads Python's <c>json.dumps</c> output, which writes non-finite floats as the bare tokens <c>Infinity</c>,
/// <c>-Infinity</c> and <c>NaN</c> (not JSON). Outside string literals they are rewritten to the strings
/// <c>"inf"</c>, <c>"-inf"</c> and <c>"nan"</c> before a strict parse.
/// </summary>
public static class LenientJson
{
    public static JsonNode? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return JsonNode.Parse(Rewrite(text), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
    }

    internal static string Rewrite(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                builder.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    builder.Append(text[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                builder.Append(c);
            }
            else if (Token(text, i, "-Infinity"))
            {
                builder.Append("\"-inf\"");
                i += "-Infinity".Length - 1;
            }
            else if (Token(text, i, "Infinity"))
            {
                builder.Append("\"inf\"");
                i += "Infinity".Length - 1;
            }
            else if (Token(text, i, "NaN"))
            {
                builder.Append("\"nan\"");
                i += "NaN".Length - 1;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool Token(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0
        && (index + token.Length >= text.Length || !char.IsLetterOrDigit(text[index + token.Length]));

    /// <summary><see cref="Number"/> when it is finite; null otherwise (a non-finite value reads as absent).</summary>
    public static double? Finite(JsonNode? node) => Number(node) is { } v && double.IsFinite(v) ? v : null;

    /// <summary><see cref="Finite"/> when it is a whole number, as a <see cref="long"/>; null otherwise.</summary>
    public static long? Whole(JsonNode? node) => Finite(node) is { } v && v == Math.Floor(v) ? (long)v : null;

    /// <summary>A number from a node: numbers, and the rewritten non-finite strings; null otherwise.</summary>
    public static double? Number(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<double>(out var d))
        {
            return d;
        }

        if (value.TryGetValue<string>(out var s))
        {
            return s switch
            {
                "inf" => double.PositiveInfinity,
                "-inf" => double.NegativeInfinity,
                "nan" => double.NaN,
                _ => double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
            };
        }

        return null;
    }
}
