using System.Text;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.History;

namespace SglangCi.Grains.Runs;

/// <summary>
/// Reads a bounded piece of a log file that may still be growing: whole lines only (a line is never cut unless it
/// alone is longer than the limit), decoded as UTF-8 and redacted again (the writers redact too; this is the second
/// line of defence for logs written by tools that know nothing of redaction, such as an engine's own output).
/// </summary>
public static class RunLogReader
{
    /// <param name="name">The log's name (returned as is).</param>
    /// <param name="path">The file.</param>
    /// <param name="offset">Byte offset to read from; negative: the tail, the last <c>-offset</c> bytes, from the first line start in them.</param>
    /// <param name="maxBytes">At most this many bytes (capped at <see cref="RunLogChunk.MaxBytes"/>; 0 or less means the cap).</param>
    /// <param name="live">The log may grow: a last line without its newline yet is left for the next read.</param>
    public static async Task<RunLogChunk> ReadAsync(string name, string path, long offset, int maxBytes, bool live, CancellationToken cancellationToken = default)
    {
        maxBytes = maxBytes <= 0 ? RunLogChunk.MaxBytes : Math.Min(maxBytes, RunLogChunk.MaxBytes);
        await using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite | FileShare.Delete,
            Options = FileOptions.Asynchronous,
        });
        var length = stream.Length;
        var tail = offset < 0;
        var start = tail ? Math.Max(0, length - Math.Min(-offset, maxBytes)) : Math.Min(offset, length);
        var count = (int)Math.Min(maxBytes, length - start);
        var buffer = new byte[count];
        stream.Position = start;
        await stream.ReadExactlyAsync(buffer, cancellationToken);

        // A tail starts at the first whole line (unless the piece is one long line).
        var head = 0;
        if (tail && start > 0 && Array.IndexOf(buffer, (byte)'\n') is var newline and >= 0 && newline + 1 < count)
        {
            head = newline + 1;
        }

        var end = count;
        var atEnd = start + count == length;
        if (!atEnd || live)
        {
            var last = count > head ? Array.LastIndexOf(buffer, (byte)'\n', count - 1, count - head) : -1;
            if (last >= head)
            {
                end = last + 1;
            }
            else if (count == maxBytes)
            {
                // One line longer than the limit: cut it, but never inside a character.
                end = Utf8Boundary(buffer, count);
            }
            else
            {
                // A live log's unfinished last line: it comes with the next read.
                end = head;
            }
        }

        var text = SecretRedactor.Redact(Encoding.UTF8.GetString(buffer, head, end - head));
        return new RunLogChunk(name, start + head, start + end, length, text, live);
    }

    /// <summary>The largest cut at or before <paramref name="count"/> that does not split a UTF-8 sequence.</summary>
    private static int Utf8Boundary(byte[] buffer, int count)
    {
        var cut = count;
        // Continuation bytes are 10xxxxxx; step back over them to the lead byte and cut before it.
        for (var back = 1; back <= 3 && count - back >= 0; back++)
        {
            var b = buffer[count - back];
            if ((b & 0xC0) != 0x80)
            {
                var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                cut = back < needed ? count - back : count;
                break;
            }
        }

        return cut;
    }
}
