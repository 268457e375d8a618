using Microsoft.AspNetCore.Http;
using SglangCi.SimulatedEngine.Generation;
using SglangCi.SimulatedEngine.Http;
using SglangCi.SimulatedEngine.Scheduling;

namespace SglangCi.SimulatedEngine.Endpoints;

/// <summary>
/// The checks every generation request passes before it reaches the scheduler: the server is ready, the
/// prompt fits the context, and the fault injector does not pick it for an error or a crash. Kept in one
/// place so the OpenAI and native APIs fail identically.
/// </summary>
internal static class GenerationGate
{
    /// <summary>Rejects prompts that exceed the context, as SGLang does, with the numbers in the message.</summary>
    public static void CheckContextLength(EngineContext engine, GenerationRequest request)
    {
        var context = engine.Options.ContextLength;
        if (request.MaxTokens < 0)
        {
            throw new RequestValidationException("max_tokens must be at least 0.");
        }

        if (request.PromptTokens >= context)
        {
            throw new RequestValidationException(
                $"The input ({request.PromptTokens} tokens) is longer than the model's context length ({context} tokens).");
        }

        if ((long)request.PromptTokens + request.MaxTokens > context)
        {
            throw new RequestValidationException(
                $"Requested token count exceeds the model's maximum context length of {context} tokens. You requested a total of " +
                $"{(long)request.PromptTokens + request.MaxTokens} tokens: {request.PromptTokens} tokens from the input messages and " +
                $"{request.MaxTokens} tokens for the completion. Please reduce the number of tokens in the input messages or the completion to fit within the limit.");
        }
    }

    /// <summary>True when the request may go on; otherwise the response (503, 500, or a cut connection)
    /// has been dealt with.</summary>
    public static async Task<bool> PassAsync(EngineContext engine, HttpContext http)
    {
        if (engine.State != EngineState.Ready)
        {
            await ApiError.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "The server is not ready.").ConfigureAwait(false);
            return false;
        }

        engine.Stats.OnReceived();
        switch (engine.Faults.OnArrival())
        {
            case FaultAction.Crash:
                engine.Crash($"Simulated crash: the server received more than {engine.Options.Faults.CrashAfterRequests} requests.");
                http.Abort();
                return false;
            case FaultAction.Error:
                engine.Stats.OnFailed();
                await ApiError.WriteAsync(http, StatusCodes.Status500InternalServerError, "Internal server error (simulated fault).")
                    .ConfigureAwait(false);
                return false;
            default:
                return true;
        }
    }
}
