namespace SglangCi.Toolkit.Parsing;

/// <summary>
/// A tool output that could not be read: names the file, the 1-based line (null when the problem is the file as a
/// whole, e.g. no result anywhere in it) and what the parser expected there. Message: <c>FILE:LINE: expected …</c>.
/// </summary>
public class OutputParseException : Exception
{
    public OutputParseException(string file, int? line, string expected)
        : this(file, line, expected, null)
    {
    }

    public OutputParseException(string file, int? line, string expected, Exception? innerException)
        : base(Format(file, line, expected), innerException)
    {
        File = file;
        Line = line;
        Expected = expected;
    }

    public OutputParseException()
        : this("<input>", null, "a tool output")
    {
    }

    public OutputParseException(string message)
        : base(message)
    {
        File = "<input>";
        Expected = message;
    }

    public OutputParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "<input>";
        Expected = message;
    }

    public string File { get; }

    public int? Line { get; }

    public string Expected { get; }

    private static string Format(string file, int? line, string expected) =>
        line is { } l ? $"{file}:{l}: expected {expected}" : $"{file}: expected {expected}";
}
