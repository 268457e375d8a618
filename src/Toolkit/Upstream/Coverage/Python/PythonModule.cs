namespace SglangCi.Toolkit.Upstream.Coverage.Python;

/// <summary>
/// A Python file read as data: its module-level assignments and call statements, and its decorators. Made from text
/// with <see cref="Read"/>, which tokenizes, then walks logical lines; a line it does not recognise is skipped
/// silently (it is ordinary code), a recognised one it cannot finish reading leaves a warning.
/// </summary>
public sealed class PythonModule
{
    private PythonModule(string file, IReadOnlyList<PythonStatement> statements)
    {
        File = file;
        Statements = statements;
    }

    /// <summary>The name warnings use for this file (relative to the checkout).</summary>
    public string File { get; }

    public IReadOnlyList<PythonStatement> Statements { get; }

    public static PythonModule Read(string source, string file, ICollection<CoverageWarning> warnings)
    {
        var tokens = PythonTokenizer.Tokenize(source, file, warnings);
        var reader = new PythonExpressionReader(tokens, file, warnings);
        var statements = new List<PythonStatement>();
        while (reader.Current.Kind != PythonTokenKind.EndOfFile)
        {
            var first = reader.Current;
            if (first.IsOperator("@"))
            {
                reader.Position++;
                statements.Add(new PythonDecorator(reader.ReadExpression(), first.Line));
            }
            else if (first.StartsLine && first.Indent == 0 && first.Kind == PythonTokenKind.Name && ReadTopLevel(reader) is { } statement)
            {
                statements.Add(statement);
            }

            reader.SkipStatement();
        }

        return new PythonModule(file, statements);
    }

    private static PythonStatement? ReadTopLevel(PythonExpressionReader reader)
    {
        var line = reader.Current.Line;
        var target = reader.Current.Text;
        if (reader.PeekAt(1).IsOperator("="))
        {
            reader.Position += 2;
            return new PythonAssignment(target, null, reader.ReadExpression(), line);
        }

        if (reader.PeekAt(1).IsOperator(":"))
        {
            return ReadAnnotatedAssignment(reader, target, line);
        }

        if (reader.PeekAt(1).IsOperator("["))
        {
            reader.Position += 2;
            var key = reader.ReadExpression();
            if (reader.Current.IsOperator("]") && reader.PeekAt(1).IsOperator("="))
            {
                reader.Position += 2;
                return new PythonAssignment(target, key, reader.ReadExpression(), line);
            }

            return null; // a subscript expression, not an assignment
        }

        var expression = reader.ReadExpression();
        return expression is PythonCall call && reader.Current.EndsStatement ? new PythonCallStatement(call, line) : null;
    }

    /// <summary>
    /// <c>name: annotation = value</c> (upstream's <c>suites: dict[str, list[TestFile]] = {…}</c>): the annotation is a
    /// type, not data, so it is stepped over bracket-aware up to the <c>=</c>. A bare annotation (<c>name: int</c>)
    /// assigns nothing and is not a statement of interest.
    /// </summary>
    private static PythonAssignment? ReadAnnotatedAssignment(PythonExpressionReader reader, string target, int line)
    {
        reader.Position += 2;
        var depth = 0;
        while (!reader.Current.EndsStatement)
        {
            var token = reader.Current;
            if (depth == 0 && token.IsOperator("="))
            {
                reader.Position++;
                return new PythonAssignment(target, null, reader.ReadExpression(), line);
            }

            depth += PythonExpressionReader.BracketDelta(token);
            reader.Position++;
        }

        return null;
    }
}
