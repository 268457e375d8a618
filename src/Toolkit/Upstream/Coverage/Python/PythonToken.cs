namespace SglangCi.Toolkit.Upstream.Coverage.Python;

/// <summary>
/// One token of Python source. <see cref="Indent"/> is only meaningful on the first token of a logical line
/// (<see cref="StartsLine"/>): it tells module-level statements (indent 0) from the bodies of functions and classes.
/// </summary>
/// <param name="Text">The source text as written (for strings: prefix and quotes included).</param>
/// <param name="StringValue">For strings, the decoded contents (escapes applied unless raw); otherwise null.</param>
/// <param name="IsFormatted">An f-string: its value is only literal when it has no replacement fields.</param>
public sealed record PythonToken(
    PythonTokenKind Kind,
    string Text,
    int Line,
    bool StartsLine,
    int Indent,
    string? StringValue = null,
    bool IsFormatted = false)
{
    public bool Is(PythonTokenKind kind, string text) => Kind == kind && Text == text;

    public bool IsOperator(string text) => Is(PythonTokenKind.Operator, text);

    /// <summary>Logical line end or end of input: where any statement stops, whatever was left unread.</summary>
    public bool EndsStatement => Kind is PythonTokenKind.Newline or PythonTokenKind.EndOfFile;
}
