using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SglangCi.SimulatedEngine.Router;

/// <summary>
/// The PD router's API as the CI uses it: <c>/health</c> is healthy only while both the prefill and the decode server
/// are; the model and generation endpoints go to the decode server, which answers for the pair (the simulator models
/// no KV transfer, so the prefill server serves health only).
/// </summary>
internal static class PdRouterEndpoints
{
    private static readonly string[] ReadPaths = ["/v1/models", "/get_model_info", "/get_server_info"];

    private static readonly string[] GenerationPaths = ["/v1/completions", "/v1/chat/completions", "/generate"];

    public static void MapPdRouter(this IEndpointRouteBuilder app, PdRouterArgs backends, PdRouterForwarding forwarding)
    {
        app.MapGet("/health", async http =>
        {
            var prefill = await forwarding.IsHealthyAsync(backends.Prefill, http.RequestAborted);
            var decode = await forwarding.IsHealthyAsync(backends.Decode, http.RequestAborted);
            http.Response.StatusCode = prefill && decode ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            if (!prefill || !decode)
            {
                var down = string.Join(" and ", new[] { prefill ? null : $"prefill {backends.Prefill}", decode ? null : $"decode {backends.Decode}" }.OfType<string>());
                await http.Response.WriteAsync($"PD router: {down} not healthy", http.RequestAborted);
            }
        });

        foreach (var path in ReadPaths)
        {
            app.MapGet(path, http => forwarding.ForwardAsync(http, backends.Decode));
        }

        foreach (var path in GenerationPaths)
        {
            app.MapPost(path, http => forwarding.ForwardAsync(http, backends.Decode));
        }
    }
}
