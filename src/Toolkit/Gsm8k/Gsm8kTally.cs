namespace SglangCi.Toolkit.Gsm8k;

/// <summary>Thread-safe counters of one evaluation, updated as answers arrive from parallel requests.</summary>
internal sealed class Gsm8kTally
{
    private int _finished;
    private int _correct;
    private int _invalid;
    private int _failed;
    private long _completionTokens;
    private string? _firstError;

    /// <summary>Scores one answer against the label's extracted number; returns how many questions are finished.</summary>
    public int Record(GenerateOutcome outcome, int? label)
    {
        var predicted = outcome.Success ? Gsm8kAnswer.Extract(outcome.Text) : null;
        if (!outcome.Success)
        {
            Interlocked.Increment(ref _failed);
            Interlocked.CompareExchange(ref _firstError, outcome.Error ?? "request failed without an error message", null);
        }

        if (predicted is null)
        {
            Interlocked.Increment(ref _invalid);
        }

        // Upstream compares the two extracted values, both INVALID counting as equal; with a numeric label that
        // never happens in GSM8K, but the rule is kept as written.
        if (predicted == label)
        {
            Interlocked.Increment(ref _correct);
        }

        Interlocked.Add(ref _completionTokens, outcome.CompletionTokens);
        return Interlocked.Increment(ref _finished);
    }

    public Gsm8kResult ToResult(int questions, double latencySeconds) => new(
        Accuracy: (double)_correct / questions,
        Invalid: (double)_invalid / questions,
        LatencySeconds: latencySeconds,
        OutputThroughput: latencySeconds > 0 ? _completionTokens / latencySeconds : 0,
        Questions: questions,
        Failed: _failed,
        FirstError: _firstError);
}
