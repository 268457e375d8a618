namespace SglangCi.Silo.Storage.Results;

/// <summary>
/// Finds where a second statement starts in SQL text, the way SQLite's tokenizer splits it: a <c>;</c> ends a
/// statement unless it is inside a string literal (<c>'…'</c>), a quoted identifier (<c>"…"</c>, <c>[…]</c>,
/// <c>`…`</c>) or a comment (<c>-- …</c>, <c>/* … */</c>). The driver would otherwise run every statement of the text
/// in turn, so the explorer refuses the text before anything runs; this is about one statement at a time, not about
/// safety, which the read-only connection provides.
/// </summary>
public static class SingleStatement
{
    /// <summary>
    /// The index of the first character of a second statement, or null when the text holds one statement, possibly
    /// followed by <c>;</c>, whitespace and comments.
    /// </summary>
    public static int? SecondStatementAt(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var i = 0;
        var ended = false;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && At(sql, i + 1) == '-')
            {
                i = SkipLineComment(sql, i);
            }
            else if (c == '/' && At(sql, i + 1) == '*')
            {
                i = SkipBlockComment(sql, i);
            }
            else if (c == ';')
            {
                ended = true;
                i++;
            }
            else if (ended)
            {
                return i;
            }
            else
            {
                i = c switch
                {
                    '\'' or '"' or '`' => SkipQuoted(sql, i, c),
                    '[' => SkipQuoted(sql, i, ']'),
                    _ => i + 1,
                };
            }
        }

        return null;
    }

    private static char At(string sql, int index) => index < sql.Length ? sql[index] : '\0';

    private static int SkipLineComment(string sql, int start)
    {
        var end = sql.IndexOf('\n', start);
        return end < 0 ? sql.Length : end + 1;
    }

    private static int SkipBlockComment(string sql, int start)
    {
        // SQLite ends an unterminated block comment at the end of the text.
        var end = sql.IndexOf("*/", start + 2, StringComparison.Ordinal);
        return end < 0 ? sql.Length : end + 2;
    }

    /// <summary>
    /// Past the closing quote. A doubled quote (<c>'it''s'</c>) reads as two adjacent literals, which splits the same
    /// way; an unterminated literal runs to the end (SQLite then reports the bad token).
    /// </summary>
    private static int SkipQuoted(string sql, int start, char close)
    {
        var end = sql.IndexOf(close, start + 1);
        return end < 0 ? sql.Length : end + 1;
    }
}
