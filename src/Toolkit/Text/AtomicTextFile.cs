using System.Text;

namespace SglangCi.Toolkit.Text;

/// <summary>
/// Writes a whole file or nothing: the text goes to a temporary file beside the target, which is then moved over it,
/// so a reader (a cron job picking up the day's report) never sees half a file.
/// </summary>
public static class AtomicTextFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, string text)
    {
        var target = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text, Utf8NoBom);
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // no-op once moved
        }
    }
}
