namespace SglangCi.SimulatedEngine;

/// <summary>
/// The latency model in closed form. The scheduler uses these functions for its step times, and tests
/// and users use them to know what a benchmark against the simulator should measure, so the two can
/// never drift apart.
/// </summary>
public static class LatencyModel
{
    /// <summary>TTFT of one request alone: one prefill step, whose end emits the first token.</summary>
    public static double ExpectedTtftMs(SimulatedEngineOptions o, int inputTokens)
    {
        ArgumentNullException.ThrowIfNull(o);
        return PrefillStepMs(o, inputTokens);
    }

    /// <summary>Duration of one decode step while <paramref name="runningRequests"/> requests run; this
    /// is each running request's inter-token latency.</summary>
    public static double ExpectedDecodeStepMs(SimulatedEngineOptions o, int runningRequests)
    {
        ArgumentNullException.ThrowIfNull(o);
        return Math.Max(0, o.DecodeStepBaseMs + (o.DecodeStepMsPerRequest * Math.Max(0, runningRequests)));
    }

    /// <summary>Duration of one prefill step over a batch holding <paramref name="totalInputTokens"/> new tokens.</summary>
    internal static double PrefillStepMs(SimulatedEngineOptions o, long totalInputTokens) =>
        Math.Max(0, o.PrefillBaseMs + (o.PrefillMsPerToken * Math.Max(0, totalInputTokens)));
}
