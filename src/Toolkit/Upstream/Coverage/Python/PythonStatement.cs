namespace SglangCi.Toolkit.Upstream.Coverage.Python;

/// <summary>
/// A module-level statement the registries are made of. Everything else at module level (imports, <c>def</c>,
/// <c>class</c>, <c>if</c>) and everything indented is not a statement of this kind and is not kept.
/// </summary>
public abstract record PythonStatement(int Line);

/// <summary><c>name = value</c>, or <c>name[key] = value</c> when <see cref="Key"/> is set.</summary>
public sealed record PythonAssignment(string Target, PythonValue? Key, PythonValue Value, int Line) : PythonStatement(Line);

/// <summary>A call on a line of its own (<c>register_amd_ci(...)</c>, <c>suites.update(...)</c>).</summary>
public sealed record PythonCallStatement(PythonCall Call, int Line) : PythonStatement(Line);

/// <summary><c>@decorator(...)</c> above a function or class, at any indentation.</summary>
public sealed record PythonDecorator(PythonValue Expression, int Line) : PythonStatement(Line);
