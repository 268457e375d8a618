using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace SglangCi.SimulatedEngine.Router;

/// <summary>
/// Passes one request to a backend and its answer back: status, content type and body, the body copied as it arrives
/// and flushed chunk by chunk, so a streamed completion (server-sent events) reaches the client token by token as
/// through the real router. A backend that cannot be reached is a 502 naming it.
/// </summary>
internal sealed class PdRouterForwarding(HttpClient http)
{
    public async Task ForwardAsync(HttpContext context, Uri backend)
    {
        var target = new Uri(backend, context.Request.Path + context.Request.QueryString);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (HttpMethods.IsPost(context.Request.Method))
        {
            request.Content = new StreamContent(context.Request.Body);
            if (context.Request.ContentType is { } contentType)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            await context.Response.WriteAsync($"PD router: backend {backend} unreachable: {e.Message}", context.RequestAborted);
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } type)
            {
                context.Response.ContentType = type.ToString();
            }

            await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
            var buffer = new byte[8192];
            int read;
            while ((read = await body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
    }

    /// <summary>True when <paramref name="backend"/>'s <c>/health</c> answers 2xx.</summary>
    public async Task<bool> IsHealthyAsync(Uri backend, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(backend, "/health"), ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
