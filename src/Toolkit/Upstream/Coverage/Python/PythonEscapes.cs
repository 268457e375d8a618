using System.Globalization;
using System.Text;

namespace SglangCi.Toolkit.Upstream.Coverage.Python;

/// <summary>
/// Applies the backslash escapes of a non-raw Python string literal. Registry strings are plain file and suite names,
/// so only the common escapes matter; anything unknown is kept as written, as Python itself does.
/// </summary>
public static class PythonEscapes
{
    public static string Decode(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.Contains('\\', StringComparison.Ordinal))
        {
            return body;
        }

        var result = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\' || i + 1 >= body.Length)
            {
                result.Append(body[i]);
                continue;
            }

            var next = body[++i];
            switch (next)
            {
                case '\n':
                    break; // backslash-newline joins the lines
                case 'n':
                    result.Append('\n');
                    break;
                case 't':
                    result.Append('\t');
                    break;
                case 'r':
                    result.Append('\r');
                    break;
                case '0':
                    result.Append('\0');
                    break;
                case '\\' or '\'' or '"':
                    result.Append(next);
                    break;
                case 'x' when TryHex(body, i + 1, 2, out var code):
                    result.Append((char)code);
                    i += 2;
                    break;
                case 'u' when TryHex(body, i + 1, 4, out var code):
                    result.Append((char)code);
                    i += 4;
                    break;
                default:
                    result.Append('\\').Append(next);
                    break;
            }
        }

        return result.ToString();
    }

    private static bool TryHex(string text, int start, int length, out int code)
    {
        code = 0;
        return start + length <= text.Length
            && int.TryParse(text.AsSpan(start, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code);
    }
}
