using System.Text;

namespace SglangCi.SimulatedEngine.Generation;

/// <summary>
/// The output of one request, produced lazily one token per scheduler step. It applies the limits in the
/// order SGLang does: a stop string ends generation before the match (the match is never emitted), the
/// natural end of an answer ends it with "stop", and the token limit ends it with "length". Lazy because
/// benchmark requests can ask for thousands of tokens and hundreds run at once.
/// </summary>
internal sealed class TokenPlan
{
    private readonly IEnumerator<string> _body;
    private readonly string? _naturalStop;
    private readonly int _maxTokens;
    private readonly IReadOnlyList<string> _stops;
    private readonly int _longestStop;

    /// <summary>The text so far, kept only when there are stop strings to search for.</summary>
    private readonly StringBuilder _text = new();
    private bool _peeked;
    private bool _hasNext;

    /// <param name="body">The tokens the "model" would produce; may be infinite.</param>
    /// <param name="naturalStop">What a finite body's end reports as matched (e.g. GSM8K's "Question");
    /// ignored for infinite bodies.</param>
    /// <param name="maxTokens">Token limit.</param>
    /// <param name="stops">Client stop strings.</param>
    public TokenPlan(IEnumerable<string> body, string? naturalStop, int maxTokens, IReadOnlyList<string> stops)
    {
        _body = body.GetEnumerator();
        _naturalStop = naturalStop;
        _maxTokens = maxTokens;
        _stops = stops.Where(static s => s.Length > 0).ToArray();
        _longestStop = _stops.Count == 0 ? 0 : _stops.Max(static s => s.Length);
    }

    /// <summary>Tokens produced so far.</summary>
    public int Generated { get; private set; }

    /// <summary>True once the last event (the one with a finish reason) has been produced.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Produces the next token. The event that finishes the request carries its reason; a
    /// request with a zero token limit finishes on its first call with no text.</summary>
    public TokenEvent Next()
    {
        if (IsFinished)
        {
            throw new InvalidOperationException("The request has already finished.");
        }

        if (_maxTokens <= 0 || !HasNextToken())
        {
            return Finish(string.Empty, _maxTokens <= 0 || _naturalStop is null
                ? FinishReason.ForLength(Generated)
                : FinishReason.ForStop(_naturalStop));
        }

        var token = _body.Current;
        _peeked = false;
        Generated++;
        if (_stops.Count > 0)
        {
            var before = _text.Length;
            _text.Append(token);
            if (FindStop(before) is { } m)
            {
                var delta = m.Index > before ? _text.ToString(before, m.Index - before) : string.Empty;
                return Finish(delta, FinishReason.ForStop(m.Stop));
            }
        }

        if (Generated >= _maxTokens)
        {
            return Finish(token, FinishReason.ForLength(Generated));
        }

        if (_naturalStop is not null && !HasNextToken())
        {
            return Finish(token, FinishReason.ForStop(_naturalStop));
        }

        return new TokenEvent(token, Generated, null);
    }

    private TokenEvent Finish(string delta, FinishReason reason)
    {
        IsFinished = true;
        return new TokenEvent(delta, Generated, reason);
    }

    private bool HasNextToken()
    {
        if (!_peeked)
        {
            _hasNext = _body.MoveNext();
            _peeked = true;
        }

        return _hasNext;
    }

    /// <summary>Earliest stop-string match that involves the text appended at <paramref name="appendedAt"/>
    /// (earlier text was already checked when it was appended). Only the tail that can hold such a match
    /// is searched, so long generations stay linear.</summary>
    private (int Index, string Stop)? FindStop(int appendedAt)
    {
        var from = Math.Max(0, appendedAt - _longestStop + 1);
        var tail = _text.ToString(from, _text.Length - from);
        (int Index, string Stop)? best = null;
        foreach (var stop in _stops)
        {
            var index = tail.IndexOf(stop, StringComparison.Ordinal);
            if (index >= 0 && (best is null || from + index < best.Value.Index))
            {
                best = (from + index, stop);
            }
        }

        return best;
    }
}
