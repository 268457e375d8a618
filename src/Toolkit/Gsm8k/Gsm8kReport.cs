using SglangCi.Toolkit.Text;

namespace SglangCi.Toolkit.Gsm8k;

/// <summary>
/// Prints bench_sglang's four result lines exactly, so our GSM8K logs read like SGLang's and the same parser
/// (<see cref="Gsm8kLogParser"/>) handles both.
/// </summary>
public static class Gsm8kReport
{
    /// <summary><c>Accuracy: 0.950\nInvalid: 0.000\nLatency: 45.123 s\nOutput throughput: 1234.567 token/s</c> (no trailing newline).</summary>
    public static string Format(Gsm8kResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return $"Accuracy: {PythonFormat.Fixed(result.Accuracy, 3)}\n" +
               $"Invalid: {PythonFormat.Fixed(result.Invalid, 3)}\n" +
               $"Latency: {PythonFormat.Fixed(result.LatencySeconds, 3)} s\n" +
               $"Output throughput: {PythonFormat.Fixed(result.OutputThroughput, 3)} token/s";
    }
}
