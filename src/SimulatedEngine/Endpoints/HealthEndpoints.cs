using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SglangCi.SimulatedEngine.Endpoints;

/// <summary>
/// Liveness and cache control: <c>/health</c> and <c>/health_generate</c> answer 503 until the simulated
/// model has "loaded" (the orchestrator polls them to know when to start), and <c>/flush_cache</c> answers
/// with SGLang's text, refusing (400) while requests are in flight as SGLang does.
/// </summary>
internal static class HealthEndpoints
{
    private const string FlushMessage =
        "Cache flushed.\nPlease check backend logs for more details. (When there are running or waiting requests, the operation will not be performed.)\n";

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app, EngineContext engine)
    {
        app.MapGet("/health", http => HealthAsync(http, engine));
        app.MapGet("/health_generate", http => HealthAsync(http, engine));
        app.MapMethods("/flush_cache", ["GET", "POST"], http =>
        {
            var busy = engine.Scheduler.RunningCount + engine.Scheduler.WaitingCount > 0;
            http.Response.StatusCode = busy ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
            http.Response.ContentType = "text/plain; charset=utf-8";
            return http.Response.WriteAsync(FlushMessage, http.RequestAborted);
        });
    }

    private static Task HealthAsync(HttpContext http, EngineContext engine)
    {
        http.Response.StatusCode = engine.State == EngineState.Ready
            ? StatusCodes.Status200OK
            : StatusCodes.Status503ServiceUnavailable;
        return Task.CompletedTask;
    }
}
