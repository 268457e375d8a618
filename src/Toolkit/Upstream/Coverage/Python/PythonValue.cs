using System.Globalization;

namespace SglangCi.Toolkit.Upstream.Coverage.Python;

/// <summary>
/// A Python expression read as data: the literals a registry is written in, plus calls and names (which the caller
/// interprets, e.g. <c>TestFile("x.py", 60)</c> or <c>suites.update(suite_amd)</c>). Anything else is
/// <see cref="PythonUnknown"/>: kept as its source text so a warning can quote it, never evaluated.
/// </summary>
public abstract record PythonValue(int Line);

public sealed record PythonString(string Value, int Line) : PythonValue(Line);

/// <summary>An int or float literal (underscores allowed, a leading sign folded in).</summary>
public sealed record PythonNumber(double Value, int Line) : PythonValue(Line)
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary><c>True</c> or <c>False</c>.</summary>
public sealed record PythonBool(bool Value, int Line) : PythonValue(Line);

public sealed record PythonNone(int Line) : PythonValue(Line);

/// <summary>A bare or dotted name (<c>suite_amd</c>, <c>os.environ</c>): a reference, not a value.</summary>
public sealed record PythonName(string Name, int Line) : PythonValue(Line);

/// <summary>A list, tuple or set display; <see cref="Items"/> in source order.</summary>
public sealed record PythonSequence(IReadOnlyList<PythonValue> Items, int Line) : PythonValue(Line);

/// <summary>A dict display; keys are values too (usually strings). <c>**spread</c> entries become unknown keys.</summary>
public sealed record PythonDict(IReadOnlyList<KeyValuePair<PythonValue, PythonValue>> Entries, int Line) : PythonValue(Line);

/// <summary>A call <c>Function(positional..., keyword=value...)</c>; <see cref="Function"/> is the dotted callee name.</summary>
public sealed record PythonCall(
    string Function,
    IReadOnlyList<PythonValue> Positional,
    IReadOnlyList<KeyValuePair<string, PythonValue>> Keywords,
    int Line) : PythonValue(Line)
{
    public PythonValue? Keyword(string name) => Keywords.FirstOrDefault(k => k.Key == name).Value;
}

/// <summary>Something that is not a literal (an f-string with fields, arithmetic, a comprehension…), as written.</summary>
public sealed record PythonUnknown(string SourceText, int Line) : PythonValue(Line);
