namespace SglangCi.Toolkit.Parsing.Gsm8k;

/// <summary>The file holds no GSM8K result (bench_sglang's <c>Accuracy:</c> … lines), or holds another tool's output instead.</summary>
public sealed class Gsm8kParseException : OutputParseException
{
    public Gsm8kParseException(string file, int? line, string expected)
        : base(file, line, expected)
    {
    }

    public Gsm8kParseException()
        : base()
    {
    }

    public Gsm8kParseException(string message)
        : base(message)
    {
    }

    public Gsm8kParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
