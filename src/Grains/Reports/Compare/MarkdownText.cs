namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// Text that goes into a Markdown table cell as itself: a model or image name must neither end the cell (<c>|</c>),
/// format (<c>*</c>, <c>_</c>, <c>`</c>) nor become HTML (<c>&lt;script&gt;</c>) where the report is rendered.
/// </summary>
public static class MarkdownText
{
    public static string Escape(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '&' => escaped.Append("&amp;"),
                '\r' or '\n' => escaped.Append(' '),
                '\\' or '|' or '*' or '_' or '`' or '[' or ']' or '#' => escaped.Append('\\').Append(c),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
