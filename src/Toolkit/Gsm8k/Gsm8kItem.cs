namespace SglangCi.Toolkit.Gsm8k;

/// <summary>One GSM8K test item: the question and the full reference answer (ending in <c>#### N</c>).</summary>
public sealed record Gsm8kItem(string Question, string Answer);
