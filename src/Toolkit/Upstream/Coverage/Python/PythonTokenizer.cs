namespace SglangCi.Toolkit.Upstream.Coverage.Python;

/// <summary>
/// Splits Python source into tokens without ever executing or fully parsing it: upstream's suite registries are Python
/// files, and reading them as data is safe where running them is not. It never throws on odd input — an unterminated
/// string, a stray closing bracket, brackets still open at the end — it records a warning with the line and goes on,
/// because one odd file must not hide the registrations of the rest.
/// </summary>
public sealed class PythonTokenizer
{
    private static readonly string[] TwoCharacterOperators =
        ["**", "//", "==", "!=", "<=", ">=", ":=", "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "@="];

    private readonly string _source;
    private readonly string _file;
    private readonly ICollection<CoverageWarning> _warnings;
    private readonly List<PythonToken> _tokens = [];
    private readonly Stack<(char Bracket, int Line)> _openBrackets = new();
    private int _position;
    private int _line = 1;
    private bool _atLineStart = true;
    private int _indent;

    private PythonTokenizer(string source, string file, ICollection<CoverageWarning> warnings)
    {
        // Windows and old-Mac line ends are one '\n' to the tokenizer; a BOM is not text.
        _source = source.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        _file = file;
        _warnings = warnings;
    }

    /// <summary>Tokenizes <paramref name="source"/>; problems go to <paramref name="warnings"/> naming <paramref name="file"/>.</summary>
    public static IReadOnlyList<PythonToken> Tokenize(string source, string file, ICollection<CoverageWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(warnings);
        var tokenizer = new PythonTokenizer(source, file, warnings);
        tokenizer.Run();
        return tokenizer._tokens;
    }

    private void Run()
    {
        while (_position < _source.Length)
        {
            if (_atLineStart && _openBrackets.Count == 0 && !ReadIndentation())
            {
                continue; // a blank or comment-only line
            }

            ReadOne();
        }

        foreach (var (bracket, line) in _openBrackets.Reverse())
        {
            Warn(line, $"'{bracket}' is never closed; the rest of the file was read as part of its statement");
        }

        EndLogicalLine();
        _tokens.Add(new PythonToken(PythonTokenKind.EndOfFile, "", _line, false, 0));
    }

    /// <summary>Measures the indentation of a new line; false (and the line consumed) when it holds no code.</summary>
    private bool ReadIndentation()
    {
        var width = 0;
        while (_position < _source.Length && _source[_position] is ' ' or '\t' or '\f')
        {
            width = _source[_position] == '\t' ? (width / 8 + 1) * 8 : width + 1;
            _position++;
        }

        if (_position < _source.Length && _source[_position] is not '\n' and not '#')
        {
            _indent = width;
            return true;
        }

        SkipToLineEnd();
        if (_position < _source.Length)
        {
            _position++;
            _line++;
        }

        return false;
    }

    private void ReadOne()
    {
        var c = _source[_position];
        switch (c)
        {
            case '\n':
                _position++;
                _line++;
                if (_openBrackets.Count == 0)
                {
                    EndLogicalLine();
                    _atLineStart = true;
                }

                return;
            case ' ' or '\t' or '\f':
                _position++;
                return;
            case '#':
                SkipToLineEnd();
                return;
            case '\\' when Peek(1) == '\n':
                _position += 2; // explicit line continuation
                _line++;
                return;
            case '"' or '\'':
                ReadString(_position, "");
                return;
        }

        if (char.IsDigit(c) || (c == '.' && char.IsDigit(Peek(1))))
        {
            ReadNumber();
        }
        else if (IsNameStart(c))
        {
            ReadNameOrPrefixedString();
        }
        else
        {
            ReadOperator();
        }
    }

    private void ReadNameOrPrefixedString()
    {
        var start = _position;
        while (_position < _source.Length && IsNamePart(_source[_position]))
        {
            _position++;
        }

        var name = _source[start.._position];
        if (_position < _source.Length && _source[_position] is '"' or '\'' && IsStringPrefix(name))
        {
            ReadString(start, name);
            return;
        }

        Add(PythonTokenKind.Name, name, _line);
    }

    private void ReadNumber()
    {
        var start = _position;
        while (_position < _source.Length)
        {
            var c = _source[_position];
            var isExponentSign = c is '+' or '-' && _source[_position - 1] is 'e' or 'E' && !IsHexLiteral(start);
            if (!(char.IsLetterOrDigit(c) || c is '_' or '.' || isExponentSign))
            {
                break;
            }

            _position++;
        }

        Add(PythonTokenKind.Number, _source[start.._position], _line);
    }

    private bool IsHexLiteral(int start) =>
        _position - start >= 2 && _source[start] == '0' && _source[start + 1] is 'x' or 'X';

    private void ReadString(int start, string prefix)
    {
        var startLine = _line;
        var raw = prefix.Contains('r', StringComparison.OrdinalIgnoreCase);
        var formatted = prefix.Contains('f', StringComparison.OrdinalIgnoreCase);
        var quote = _source[_position];
        var triple = Peek(1) == quote && Peek(2) == quote;
        _position += triple ? 3 : 1;
        var bodyStart = _position;
        int? bodyEnd = null;
        while (_position < _source.Length)
        {
            var c = _source[_position];
            if (c == '\\' && _position + 1 < _source.Length)
            {
                if (_source[_position + 1] == '\n')
                {
                    _line++;
                }

                _position += 2;
                continue;
            }

            if (c == '\n')
            {
                if (!triple)
                {
                    break; // a one-line string may not run past its line
                }

                _line++;
            }
            else if (c == quote && (!triple || (Peek(1) == quote && Peek(2) == quote)))
            {
                bodyEnd = _position;
                _position += triple ? 3 : 1;
                break;
            }

            _position++;
        }

        if (bodyEnd is null)
        {
            Warn(startLine, triple ? "triple-quoted string is never closed" : "string is not closed on its line");
        }

        var body = _source[bodyStart..(bodyEnd ?? _position)];
        var value = raw ? body : PythonEscapes.Decode(body);
        _tokens.Add(new PythonToken(PythonTokenKind.String, _source[start.._position], startLine, TakeLineStart(), _indent, value, formatted));
    }

    private void ReadOperator()
    {
        var c = _source[_position];
        if (c is '(' or '[' or '{')
        {
            _openBrackets.Push((c, _line));
        }
        else if (c is ')' or ']' or '}')
        {
            if (_openBrackets.Count > 0 && Matches(_openBrackets.Peek().Bracket, c))
            {
                _openBrackets.Pop();
            }
            else
            {
                Warn(_line, $"'{c}' closes nothing that is open; ignored");
                _position++;
                return;
            }
        }

        var two = _position + 1 < _source.Length ? _source.Substring(_position, 2) : "";
        var text = Array.IndexOf(TwoCharacterOperators, two) >= 0 ? two : c.ToString();
        _position += text.Length;
        Add(PythonTokenKind.Operator, text, _line);
    }

    private void EndLogicalLine()
    {
        if (_tokens.Count > 0 && _tokens[^1].Kind != PythonTokenKind.Newline)
        {
            _tokens.Add(new PythonToken(PythonTokenKind.Newline, "", _tokens[^1].Line, false, 0));
        }
    }

    private void Add(PythonTokenKind kind, string text, int line) =>
        _tokens.Add(new PythonToken(kind, text, line, TakeLineStart(), _indent));

    private bool TakeLineStart()
    {
        var starts = _atLineStart;
        _atLineStart = false;
        return starts;
    }

    private void SkipToLineEnd()
    {
        while (_position < _source.Length && _source[_position] != '\n')
        {
            _position++;
        }
    }

    private char Peek(int offset) => _position + offset < _source.Length ? _source[_position + offset] : '\0';

    private void Warn(int line, string message) => _warnings.Add(new CoverageWarning(_file, line, message));

    private static bool Matches(char open, char close) => (open, close) is ('(', ')') or ('[', ']') or ('{', '}');

    private static bool IsNameStart(char c) => c == '_' || char.IsLetter(c);

    private static bool IsNamePart(char c) => c == '_' || char.IsLetterOrDigit(c);

    /// <summary>r, b, u, f and their two-letter mixes (rb, br, fr, rf), any case: what Python accepts before a quote.</summary>
    private static bool IsStringPrefix(string name) =>
        name.ToLowerInvariant() is "r" or "b" or "u" or "f" or "rb" or "br" or "fr" or "rf";
}
