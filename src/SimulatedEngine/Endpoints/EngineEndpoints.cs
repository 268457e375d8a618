using Microsoft.AspNetCore.Routing;

namespace SglangCi.SimulatedEngine.Endpoints;

/// <summary>Maps every API family of the simulated engine onto a route builder.</summary>
internal static class EngineEndpoints
{
    public static void MapSimulatedEngine(this IEndpointRouteBuilder app, EngineContext engine)
    {
        app.MapHealthEndpoints(engine);
        app.MapInfoEndpoints(engine);
        app.MapOpenAiEndpoints(engine);
        app.MapNativeEndpoints(engine);
    }
}
