using Microsoft.AspNetCore.Http;
using SglangCi.SimulatedEngine.Generation;
using SglangCi.SimulatedEngine.Http;
using SglangCi.SimulatedEngine.Scheduling;

namespace SglangCi.SimulatedEngine.Endpoints;

/// <summary>
/// The one path every generation request takes once its API has parsed it: validate the prompts, pass the
/// gate (ready, faults), track the connection, submit every prompt to the scheduler, then either stream the
/// single prompt or wait for all of them and respond; whatever happens, nothing is left running. The OpenAI
/// and native APIs differ only in how they write the stream and the response.
/// </summary>
internal static class GenerationFlow
{
    /// <param name="http">The request being served.</param>
    /// <param name="engine">The simulated engine.</param>
    /// <param name="prompts">The parsed prompts; a batch has more than one.</param>
    /// <param name="isBatch">Whether the request is a batch, which cannot be streamed.</param>
    /// <param name="stream">Whether the client asked for a stream.</param>
    /// <param name="streamAsync">Writes the stream of the single submitted prompt.</param>
    /// <param name="respondAsync">Writes the response once every prompt has completed without an abort;
    /// results are in prompt order, alongside the submitted requests.</param>
    public static async Task RunAsync(
        HttpContext http,
        EngineContext engine,
        IReadOnlyList<GenerationRequest> prompts,
        bool isBatch,
        bool stream,
        Func<EngineRequest, Task> streamAsync,
        Func<IReadOnlyList<EngineRequest>, IReadOnlyList<CompletedGeneration>, Task> respondAsync)
    {
        foreach (var prompt in prompts)
        {
            GenerationGate.CheckContextLength(engine, prompt);
        }

        if (stream && isBatch)
        {
            throw new RequestValidationException("The simulated engine streams one prompt per request; send the batch as separate requests.");
        }

        if (!await GenerationGate.PassAsync(engine, http).ConfigureAwait(false))
        {
            return;
        }

        using var tracking = engine.Track(http);
        var running = prompts.Select(engine.Submit).ToArray();
        try
        {
            if (stream)
            {
                await streamAsync(running[0]).ConfigureAwait(false);
                return;
            }

            var results = await Task.WhenAll(running.Select(r => CompletedGeneration.CollectAsync(r, http.RequestAborted))).ConfigureAwait(false);
            if (results.FirstOrDefault(static r => r.Finish.Kind == FinishKind.Abort) is { } aborted)
            {
                await ApiError.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, aborted.Finish.Matched ?? "The request was aborted.")
                    .ConfigureAwait(false);
                return;
            }

            await respondAsync(running, results).ConfigureAwait(false);
        }
        finally
        {
            foreach (var r in running)
            {
                r.Cancel();
            }
        }
    }
}
