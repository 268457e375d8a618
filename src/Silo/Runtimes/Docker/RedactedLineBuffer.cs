using System.Text;
using SglangCi.Toolkit.History;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// Turns a command's output, as it arrives in chunks on two streams, into whole lines with secrets masked
/// (<see cref="SecretRedactor"/>): a token in a git remote that git echoes back, a webhook URL or an API key the engine
/// prints. Masking works on whole lines because a chunk can end in the middle of a secret, where no pattern sees it; and
/// on one line at a time so that what is masked does not depend on how the pipe happened to cut the output. A line
/// ends at <c>\n</c> or <c>\r</c> (progress bars). One that grows past <see cref="LongestPendingLine"/> characters
/// without ending is released masked as far as it goes, so nothing is held back for ever. Not thread-safe: the owner
/// serializes.
/// </summary>
internal sealed class RedactedLineBuffer
{
    public const int LongestPendingLine = 64 * 1024;

    // Each stream's unfinished line: stdout and stderr arrive interleaved and must not be glued into one line.
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    /// <summary>Adds a chunk of one stream; returns the lines it completed (with their line ends), masked, or null.</summary>
    public string? Add(ReadOnlySpan<char> text, bool stderr)
    {
        var pending = stderr ? _stderr : _stdout;
        var before = pending.Length;
        pending.Append(text);
        var lastEnd = text.LastIndexOfAny('\n', '\r');
        var length = lastEnd >= 0 ? before + lastEnd + 1 : pending.Length >= LongestPendingLine ? pending.Length : 0;
        if (lastEnd < 0 && length > 0 && char.IsHighSurrogate(pending[length - 1]))
        {
            length--; // keep a character's two halves together
        }

        if (length == 0)
        {
            return null;
        }

        var lines = pending.ToString(0, length);
        pending.Remove(0, length);
        return RedactEachLine(lines);
    }

    /// <summary>The unfinished lines of both streams, masked, without taking them out.</summary>
    public string Pending() => (_stdout.Length > 0 && _stderr.Length > 0)
        ? RedactEachLine(_stdout.ToString()) + "\n" + RedactEachLine(_stderr.ToString())
        : RedactEachLine(_stdout.ToString()) + RedactEachLine(_stderr.ToString());

    /// <summary>The unfinished lines of both streams, masked, taken out (the output has ended).</summary>
    public string TakePending()
    {
        var pending = Pending();
        _stdout.Clear();
        _stderr.Clear();
        return pending;
    }

    /// <summary>Masks secrets in each line of a whole text (a simulated command's output, which comes in one piece).</summary>
    public static string RedactEachLine(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var masked = new StringBuilder(text.Length);
        var start = 0;
        while (start < text.Length)
        {
            var end = text.AsSpan(start).IndexOfAny('\n', '\r');
            var lineLength = end < 0 ? text.Length - start : end;
            masked.Append(SecretRedactor.Redact(text.Substring(start, lineLength)));
            if (end >= 0)
            {
                masked.Append(text[start + end]);
            }

            start += lineLength + 1;
        }

        return masked.ToString();
    }
}
