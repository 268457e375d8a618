namespace SglangCi.Toolkit.Upstream.Coverage.Python;

/// <summary>The few token classes the literal reader needs; comments and layout whitespace never become tokens.</summary>
public enum PythonTokenKind
{
    Name,
    Number,
    String,

    /// <summary>Punctuation and operators, brackets included (<c>(</c>, <c>=</c>, <c>**</c>, <c>:=</c>, …).</summary>
    Operator,

    /// <summary>End of a logical line: a line break outside brackets and not escaped by a backslash.</summary>
    Newline,

    EndOfFile,
}
