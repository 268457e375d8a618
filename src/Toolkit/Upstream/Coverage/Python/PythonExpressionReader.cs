using System.Globalization;
using System.Text;

namespace SglangCi.Toolkit.Upstream.Coverage.Python;

/// <summary>
/// Reads one expression from a token list as a <see cref="PythonValue"/>: literals, displays, calls and names. What it
/// does not understand (operators, comprehensions, lambdas, subscripts, f-string fields) it skips up to the next
/// <c>,</c>, closing bracket or end of statement and returns as <see cref="PythonUnknown"/>; what is not even valid
/// there (a missing comma) becomes a warning naming file and line. It always moves forward and never throws.
/// </summary>
public sealed class PythonExpressionReader
{
    private readonly IReadOnlyList<PythonToken> _tokens;
    private readonly string _file;
    private readonly ICollection<CoverageWarning> _warnings;

    public PythonExpressionReader(IReadOnlyList<PythonToken> tokens, string file, ICollection<CoverageWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count == 0 || tokens[^1].Kind != PythonTokenKind.EndOfFile)
        {
            throw new ArgumentException("the token list must end with EndOfFile, as the tokenizer makes it", nameof(tokens));
        }

        _tokens = tokens;
        _file = file;
        _warnings = warnings;
    }

    /// <summary>Index of the next token to read.</summary>
    public int Position { get; set; }

    public PythonToken Current => _tokens[Math.Min(Position, _tokens.Count - 1)];

    public PythonToken PeekAt(int offset) => _tokens[Math.Min(Position + offset, _tokens.Count - 1)];

    /// <summary>Reads an expression; on return <see cref="Position"/> is at the token after it.</summary>
    public PythonValue ReadExpression()
    {
        var start = Position;
        var value = ReadPrimary();
        if (IsTerminator(Current) || !ContinuesExpression(Current))
        {
            return value; // a value followed by another value is a missing comma: the caller reports it
        }

        // A literal followed by an operator (1 + 2, "a" if x else "b", x[0]): not data.
        SkipToTerminator();
        return Unknown(start);
    }

    /// <summary>Moves to the next token that ends an expression at this bracket depth.</summary>
    public void SkipToTerminator()
    {
        var depth = 0;
        while (!Current.EndsStatement)
        {
            if (depth == 0 && IsTerminator(Current))
            {
                return;
            }

            depth += BracketDelta(Current);
            Position++;
        }
    }

    /// <summary>Skips the rest of the logical line, landing after its Newline.</summary>
    public void SkipStatement()
    {
        while (!Current.EndsStatement)
        {
            Position++;
        }

        if (Current.Kind == PythonTokenKind.Newline)
        {
            Position++;
        }
    }

    private PythonValue ReadPrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case PythonTokenKind.String:
                return ReadStrings();
            case PythonTokenKind.Number:
                Position++;
                return (PythonValue?)Number(token.Text, token.Line, negative: false) ?? Unknown(Position - 1);
            case PythonTokenKind.Name:
                return ReadNameOrCall();
            case PythonTokenKind.Operator when token.Text is "-" or "+" && PeekAt(1).Kind == PythonTokenKind.Number:
                Position += 2;
                return (PythonValue?)Number(PeekAt(-1).Text, token.Line, negative: token.Text == "-") ?? Unknown(Position - 2);
            case PythonTokenKind.Operator when token.Text is "[" or "(":
                return ReadSequence();
            case PythonTokenKind.Operator when token.Text == "{":
                return ReadBraces();
            default:
                var start = Position;
                SkipToTerminator();
                if (Position == start && !Current.EndsStatement)
                {
                    Position++; // a stray terminator where a value belongs: step over it so callers progress
                }

                return Unknown(start);
        }
    }

    /// <summary>Adjacent string literals concatenate; an f-string with a replacement field is not a literal.</summary>
    private PythonValue ReadStrings()
    {
        var start = Position;
        var text = new StringBuilder();
        var literal = true;
        while (Current.Kind == PythonTokenKind.String)
        {
            literal &= !(Current.IsFormatted && Current.StringValue!.Contains('{', StringComparison.Ordinal));
            text.Append(Current.StringValue);
            Position++;
        }

        return literal ? new PythonString(text.ToString(), _tokens[start].Line) : Unknown(start);
    }

    private PythonValue ReadNameOrCall()
    {
        var start = Position;
        if (Current.Text is "not" or "await" or "yield" or "lambda")
        {
            // Prefix keywords: never data, but their operand must be skipped as one expression (a lambda's parameters too).
            var keyword = Current.Text;
            Position++;
            if (keyword == "lambda")
            {
                while (!Current.IsOperator(":") && !Current.EndsStatement)
                {
                    Position++;
                }

                Position += Current.IsOperator(":") ? 1 : 0;
            }

            ReadExpression();
            return Unknown(start);
        }

        var name = new StringBuilder(Current.Text);
        Position++;
        while (Current.IsOperator(".") && PeekAt(1).Kind == PythonTokenKind.Name)
        {
            name.Append('.').Append(PeekAt(1).Text);
            Position += 2;
        }

        var line = _tokens[start].Line;
        var dotted = name.ToString();
        if (Current.IsOperator("("))
        {
            return ReadCall(dotted, line);
        }

        return dotted switch
        {
            "True" => new PythonBool(true, line),
            "False" => new PythonBool(false, line),
            "None" => new PythonNone(line),
            _ => new PythonName(dotted, line),
        };
    }

    private PythonCall ReadCall(string function, int line)
    {
        Position++; // (
        var positional = new List<PythonValue>();
        var keywords = new List<KeyValuePair<string, PythonValue>>();
        ReadItems(")", () =>
        {
            if (Current.Kind == PythonTokenKind.Name && PeekAt(1).IsOperator("="))
            {
                var keyword = Current.Text;
                Position += 2;
                keywords.Add(new(keyword, ReadExpression()));
            }
            else
            {
                positional.Add(ReadExpression());
            }
        });
        return new PythonCall(function, positional, keywords, line);
    }

    private PythonValue ReadSequence()
    {
        var start = Position;
        var close = Current.Text == "[" ? "]" : ")";
        Position++;
        var items = new List<PythonValue>();
        var commas = ReadItems(close, () => items.Add(ReadExpression()));
        // (x) is x in parentheses, not a tuple.
        return close == ")" && items.Count == 1 && commas == 0 ? items[0] : new PythonSequence(items, _tokens[start].Line);
    }

    private PythonValue ReadBraces()
    {
        var line = Current.Line;
        Position++;
        var entries = new List<KeyValuePair<PythonValue, PythonValue>>();
        var setItems = new List<PythonValue>();
        ReadItems("}", () =>
        {
            if (Current.IsOperator("**"))
            {
                var start = Position;
                Position++;
                ReadExpression();
                entries.Add(new(Unknown(start), new PythonNone(line)));
                return;
            }

            var key = ReadExpression();
            if (Current.IsOperator(":"))
            {
                Position++;
                entries.Add(new(key, ReadExpression()));
            }
            else
            {
                setItems.Add(key);
            }
        });
        return setItems.Count > 0 && entries.Count == 0 ? new PythonSequence(setItems, line) : new PythonDict(entries, line);
    }

    /// <summary>
    /// Reads comma-separated items up to <paramref name="close"/>, recovering from anything unexpected by skipping to
    /// the next comma; returns how many commas it saw (a one-item tuple needs one).
    /// </summary>
    private int ReadItems(string close, Action readItem)
    {
        var commas = 0;
        while (!Current.EndsStatement && !Current.IsOperator(close))
        {
            var before = Position;
            readItem();
            if (Current.IsOperator(","))
            {
                commas++;
                Position++;
            }
            else if (!Current.IsOperator(close) && !Current.EndsStatement)
            {
                Warn(Current.Line, $"unexpected '{Current.Text}' where ',' or '{close}' belongs; skipped to the next item");
                Position = Math.Max(Position, before + 1);
                SkipToItemEnd(close);
                if (Current.IsOperator(","))
                {
                    Position++;
                }
            }
        }

        if (Current.IsOperator(close))
        {
            Position++;
        }

        return commas;
    }

    /// <summary>Recovery inside brackets: on to the next <c>,</c> or <paramref name="close"/> at this depth, past any <c>=</c> or <c>:</c>.</summary>
    private void SkipToItemEnd(string close)
    {
        var depth = 0;
        while (!Current.EndsStatement && !(depth == 0 && (Current.IsOperator(",") || Current.IsOperator(close))))
        {
            depth += BracketDelta(Current);
            Position++;
        }
    }

    /// <summary>+1 for an opening bracket, −1 for a closing one, 0 otherwise; shared so every skip agrees on nesting.</summary>
    internal static int BracketDelta(PythonToken token) =>
        token.Kind != PythonTokenKind.Operator ? 0
        : token.Text is "(" or "[" or "{" ? 1
        : token.Text is ")" or "]" or "}" ? -1
        : 0;

    /// <summary>
    /// Whether a token after a complete value continues the expression (an operator, or a keyword such as <c>if</c>,
    /// <c>for</c>, <c>and</c>); a name, number or string there is a syntax error, not part of this value.
    /// </summary>
    private static bool ContinuesExpression(PythonToken token) =>
        token.Kind == PythonTokenKind.Operator
        || (token.Kind == PythonTokenKind.Name && token.Text is "if" or "else" or "for" or "async" or "and" or "or" or "not" or "in" or "is");

    private PythonUnknown Unknown(int start)
    {
        var end = Math.Max(start + 1, Position);
        var text = string.Join(" ", Enumerable.Range(start, Math.Min(end, _tokens.Count) - start).Select(i => _tokens[i].Text));
        return new PythonUnknown(text, _tokens[Math.Min(start, _tokens.Count - 1)].Line);
    }

    private static PythonNumber? Number(string text, int line, bool negative)
    {
        var digits = text.Replace("_", "", StringComparison.Ordinal);
        double value;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(digits.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            value = hex;
        }
        else if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return null;
        }

        return new PythonNumber(negative ? -value : value, line);
    }

    private static bool IsTerminator(PythonToken token) =>
        token.EndsStatement || (token.Kind == PythonTokenKind.Operator && token.Text is "," or ")" or "]" or "}" or ":" or "=");

    private void Warn(int line, string message) => _warnings.Add(new CoverageWarning(_file, line, message));
}
