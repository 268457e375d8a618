namespace SglangCi.Toolkit.Upstream.Tests;

/// <summary>
/// One upstream test file to run, as an operator names it: relative to the checkout's <c>test/srt</c> folder (the old
/// <c>run_amd_tests.sh --test=</c> convention, e.g. <c>test_abort.py</c> or <c>lora/test_lora.py</c>), or relative to the
/// checkout when it starts with <c>test/</c> (the registered layout, e.g. <c>test/registered/core/test_abort.py</c>).
/// Only plain path characters are accepted: the name goes into a shell script and must not be able to say anything else.
/// </summary>
/// <param name="Name">As given, the test's name in checks and logs.</param>
/// <param name="Directory">The folder to run it from, relative to the checkout (<c>test/srt/lora</c>).</param>
/// <param name="FileName">The file within it (<c>test_lora.py</c>).</param>
public sealed record UpstreamTestFile(string Name, string Directory, string FileName)
{
    private const string SrtFolder = "test/srt";

    /// <summary>Reads a test path; throws <see cref="ArgumentException"/> saying what is wrong with it.</summary>
    public static UpstreamTestFile Parse(string text)
    {
        var name = text?.Trim() ?? "";
        if (name.Length == 0)
        {
            throw new ArgumentException("a test file name is empty");
        }

        if (!name.EndsWith(".py", StringComparison.Ordinal))
        {
            throw new ArgumentException($"test '{name}' is not a Python file (expected a path ending in .py, e.g. test_abort.py)");
        }

        if (name.StartsWith('/') || name.StartsWith('-'))
        {
            throw new ArgumentException($"test '{name}' must be relative to the checkout's test/srt folder (or start with test/), not absolute");
        }

        if (name.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/')) is var bad and not '\0')
        {
            throw new ArgumentException($"test '{name}' contains '{bad}'; only letters, digits, '_', '-', '.' and '/' are allowed");
        }

        var parts = name.Split('/');
        if (parts.Any(p => p is "" or "." or ".."))
        {
            throw new ArgumentException($"test '{name}' has an empty, '.' or '..' path part");
        }

        var relative = name.StartsWith("test/", StringComparison.Ordinal) ? name : $"{SrtFolder}/{name}";
        var slash = relative.LastIndexOf('/');
        return new UpstreamTestFile(name, relative[..slash], relative[(slash + 1)..]);
    }
}
