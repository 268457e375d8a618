using Microsoft.AspNetCore.Http;
using SglangCi.SimulatedEngine.Http;

namespace SglangCi.SimulatedEngine.Endpoints;

/// <summary>
/// Runs a generation handler with the error handling they all share: validation failures become SGLang's
/// 400 JSON, and a client that disconnects (benchmark timeouts, cancelled runs) ends the handler quietly
/// instead of logging an error per request.
/// </summary>
internal static class EndpointGuard
{
    public static async Task RunAsync(HttpContext http, Func<Task> handler)
    {
        try
        {
            await handler().ConfigureAwait(false);
        }
        catch (RequestValidationException e) when (!http.Response.HasStarted)
        {
            await ApiError.WriteAsync(http, StatusCodes.Status400BadRequest, e.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; the engine request was cancelled by the handler's cleanup.
        }
    }
}
