using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using SglangCi.Toolkit.Gsm8k;

namespace SglangCi.SimulatedEngine.Generation;

/// <summary>
/// Answers GSM8K few-shot prompts the way a model of a given accuracy would, so the CI's accuracy gate can
/// be exercised (pass and fail) without a GPU. It recognises the evaluated question as the last
/// <c>Question: …\nAnswer:</c> of the prompt, looks up the reference answer and, with the configured
/// probability (decided by a hash of seed and question, so the same question always gets the same
/// verdict), answers with the reference number, otherwise with a wrong one. Answers are short reasoning
/// that ends in <c>The answer is N.</c>, because the evaluator takes the last number in the reply.
/// </summary>
internal sealed partial class Gsm8kResponder
{
    /// <summary>What the reply reports as matched when it ends: the next few-shot block would start with
    /// "Question", which is GSM8K's stop string.</summary>
    public const string NaturalStop = Gsm8kStopSequences.Question;

    private const string QuestionMarker = "Question:";
    private const string AnswerMarker = "Answer:";
    private const int MaxReasoningWords = 28;
    private const int MinReasoningWords = 16;

    /// <summary>Prepended to very short reasoning so every reply is a realistic 20–40 tokens.</summary>
    private static readonly string[] Fillers =
    [
        "First, read the question carefully and note each quantity.",
        "Let us work through the problem step by step.",
    ];

    private readonly Dictionary<string, string> _answers;
    private readonly double _accuracy;
    private readonly int _seed;
    private readonly IReadOnlyList<double>? _accuracyByTrial;

    /// <summary>How many times each question was asked, for <see cref="SimulatedEngineOptions.Gsm8kAccuracyByTrial"/>.</summary>
    private readonly ConcurrentDictionary<string, int> _asked = new(StringComparer.Ordinal);

    public Gsm8kResponder(IReadOnlyDictionary<string, string>? answers, double accuracy, int seed, IReadOnlyList<double>? accuracyByTrial = null)
    {
        _accuracyByTrial = accuracyByTrial is { Count: > 0 } ? accuracyByTrial : null;
        _answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (question, answer) in answers ?? new Dictionary<string, string>())
        {
            _answers[Normalize(question)] = answer;
        }

        _accuracy = accuracy;
        _seed = seed;
    }

    /// <summary>The reply tokens for a GSM8K-shaped prompt, or null when the prompt does not end with
    /// <c>Question: …\nAnswer:</c> (then the caller generates generic text).</summary>
    public IReadOnlyList<string>? TryRespond(string prompt)
    {
        var question = ExtractQuestion(prompt);
        if (question is null)
        {
            return null;
        }

        var key = Normalize(question);
        var text = _answers.TryGetValue(key, out var reference) && SplitReference(reference) is { } parts
            ? Reasoned(parts.Reasoning, IsRight(key) ? parts.Number : WrongNumber(parts.Number))
            : $"Let me think about this. I am not sure, but my best estimate is {GuessNumber(key)}.";
        return WordTokenizer.ToOutputTokens(text).ToArray();
    }

    /// <summary>The question of the last <c>Question: …\nAnswer:</c> block when the prompt ends with it.</summary>
    internal static string? ExtractQuestion(string prompt)
    {
        var trimmed = prompt.AsSpan().TrimEnd();
        if (!trimmed.EndsWith(AnswerMarker, StringComparison.Ordinal))
        {
            return null;
        }

        var body = trimmed[..^AnswerMarker.Length];
        var start = body.LastIndexOf(QuestionMarker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var question = body[(start + QuestionMarker.Length)..].Trim();
        return question.IsEmpty ? null : question.ToString();
    }

    private static string Normalize(string question) => question.Trim();

    private bool IsRight(string question) =>
        StableHash.ToUnit(StableHash.Of(_seed, "gsm8k-verdict:" + question)) < AccuracyFor(question);

    private double AccuracyFor(string question)
    {
        if (_accuracyByTrial is null)
        {
            return _accuracy;
        }

        var asked = _asked.AddOrUpdate(question, 1, (_, n) => n + 1);
        return _accuracyByTrial[Math.Min(asked, _accuracyByTrial.Count) - 1];
    }

    private int GuessNumber(string question) =>
        (int)(StableHash.Of(_seed, "gsm8k-guess:" + question) % 1000) + 1;

    /// <summary>Splits a reference answer into its reasoning (calculator annotations removed) and the
    /// number after <c>####</c>; null when the reference has no <c>####</c>.</summary>
    private static (string Reasoning, string Number)? SplitReference(string reference)
    {
        var hashes = reference.LastIndexOf("####", StringComparison.Ordinal);
        if (hashes < 0)
        {
            return null;
        }

        var number = reference[(hashes + 4)..].Trim().Replace(",", string.Empty, StringComparison.Ordinal);
        if (number.Length == 0)
        {
            return null;
        }

        var reasoning = CalculatorAnnotation().Replace(reference[..hashes], string.Empty);
        return (reasoning, number);
    }

    /// <summary>Whole reasoning lines while they fit the budget (the first line truncated when it alone is
    /// too long; lines holding a stop string skipped), padded when very short, then the final sentence.
    /// Keeps replies at roughly 20–40 tokens.</summary>
    private static string Reasoned(string reasoning, string number)
    {
        var words = new List<string>();
        foreach (var line in reasoning.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // A line holding a GSM8K stop string is left out: the client's stop would cut the reply there, before
            // its final number, and turn a right (or wrong) answer into an invalid one, so the configured accuracy
            // would no longer hold (test item 138's reference lines start with "Questions").
            if (Gsm8kStopSequences.All.Any(stop => line.Contains(stop, StringComparison.Ordinal)))
            {
                continue;
            }

            var lineWords = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Count + lineWords.Length > MaxReasoningWords)
            {
                if (words.Count == 0)
                {
                    words.AddRange(lineWords.Take(MaxReasoningWords));
                }

                break;
            }

            words.AddRange(lineWords);
        }

        foreach (var filler in Fillers)
        {
            if (words.Count < MinReasoningWords)
            {
                words.InsertRange(0, filler.Split(' '));
            }
        }

        return $"{string.Join(' ', words)} The answer is {number}.";
    }

    /// <summary>A number the evaluator will not accept: the right one plus one (integers), or with a digit
    /// appended otherwise.</summary>
    private static string WrongNumber(string number) =>
        long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? (n + 1).ToString(CultureInfo.InvariantCulture)
            : number + "1";

    [GeneratedRegex("<<[^>]*>>")]
    private static partial Regex CalculatorAnnotation();
}
