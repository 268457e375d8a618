using System.Text;

namespace SglangCi.Toolkit.Upstream.Coverage.Python;

/// <summary>
/// Turns a Python file's bytes into text. Source is UTF-8 by default; a file with other bytes (an old Latin-1
/// comment, a binary accident) is still read — the bad bytes become U+FFFD and a warning names the first line holding
/// one — because the registrations around them are usually plain ASCII and still worth counting.
/// </summary>
public static class PythonSource
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static string Decode(byte[] bytes, string file, ICollection<CoverageWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(warnings);
        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            warnings.Add(new CoverageWarning(file, LineOf(bytes, FirstInvalidByte(bytes)), "not valid UTF-8; undecodable bytes were replaced and the rest read as usual"));
            return Lenient.GetString(bytes);
        }
    }

    /// <summary>Reads and decodes a file; an I/O failure is a warning too, with no text.</summary>
    public static string? Read(string path, string file, ICollection<CoverageWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        try
        {
            return Decode(File.ReadAllBytes(path), file, warnings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warnings.Add(new CoverageWarning(file, 0, $"cannot be read ({e.Message}); skipped"));
            return null;
        }
    }

    private static int FirstInvalidByte(byte[] bytes)
    {
        // The exception's index is relative to an internal buffer; find the first bad sequence ourselves.
        var decoder = Strict.GetDecoder();
        var chars = new char[4];
        for (var i = 0; i < bytes.Length; i++)
        {
            try
            {
                decoder.GetChars(bytes, i, 1, chars, 0, flush: false);
            }
            catch (DecoderFallbackException)
            {
                return i;
            }
        }

        return bytes.Length - 1;
    }

    private static int LineOf(byte[] bytes, int index) => 1 + bytes.AsSpan(0, Math.Clamp(index, 0, bytes.Length)).Count((byte)'\n');
}
