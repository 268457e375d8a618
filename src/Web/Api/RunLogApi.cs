using System.Globalization;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Web.Api;

/// <summary>
/// A run's logs under <c>/api/runs/{id}/logs</c>: the list, and bounded reads from a byte offset for following a live
/// run (<c>?offset=N</c> from a byte, <c>?tail=N</c> the last N bytes; the answer says where to read next and whether the
/// run is still going), or the whole log as text (<c>?format=text</c>). Reads go to the run's grain on its node's silo;
/// secrets are redacted there. An imported run has no logs here: the list says where the old CI kept them.
/// </summary>
public static class RunLogApi
{
    public static IEndpointRouteBuilder MapRunLogApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/runs/{id}/logs").WithTags("run logs");

        api.MapGet("", async (IGrainFactory grains, string id) =>
            {
                var stored = await grains.GetGrain<IRunQueryGrain>(0).GetRun(id);
                if (stored?.Provenance is { IsImported: true } provenance)
                {
                    return Results.Ok(new RunLogList(id, false, true, provenance.SourcePath ?? provenance.Source, []));
                }

                var grain = grains.GetGrain<IRunGrain>(id);
                if (stored is null && await grain.GetSummary() is null)
                {
                    return NoRun(id);
                }

                var catalog = await grain.GetLogs();
                return Results.Ok(new RunLogList(id, catalog.IsLive, false, null, catalog.Logs));
            })
            .WithSummary("The run's logs (run, server, commands) with their sizes, and whether the run is still going.");

        api.MapGet("/{*name}", async (HttpContext http, IGrainFactory grains, string id, string name, string? offset, string? tail, string? max, string? format) =>
            {
                if (!TryLong(offset, out var from) || from < 0)
                {
                    return Results.BadRequest(new { error = $"offset '{offset}' is not a byte offset (a whole number, 0 or more)" });
                }

                if (!TryLong(tail, out var last) || last < 0)
                {
                    return Results.BadRequest(new { error = $"tail '{tail}' is not a number of bytes (a whole number, 0 or more)" });
                }

                if (!TryLong(max, out var limit) || limit < 0)
                {
                    return Results.BadRequest(new { error = $"max '{max}' is not a number of bytes (a whole number, 0 or more)" });
                }

                var grain = grains.GetGrain<IRunGrain>(id);
                var start = tail is not null ? -Math.Max(1, last) : from;
                var chunk = await grain.ReadLog(name, start, (int)Math.Min(limit, RunLogChunk.MaxBytes));
                if (chunk is null)
                {
                    return Results.NotFound(new { error = $"run '{id}' has no log '{name}'" });
                }

                if (!string.Equals(format, "text", StringComparison.OrdinalIgnoreCase))
                {
                    return Results.Ok(chunk);
                }

                // The whole log from the offset, chunk by chunk, as plain text.
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync(chunk.Text, http.RequestAborted);
                while (chunk is { HasMore: true } && chunk.NextOffset > chunk.Offset)
                {
                    chunk = await grain.ReadLog(name, chunk.NextOffset, RunLogChunk.MaxBytes);
                    await http.Response.WriteAsync(chunk?.Text ?? "", http.RequestAborted);
                }

                return Results.Empty;
            })
            .WithSummary("A piece of one log (at most 64 KiB, whole lines, secrets redacted) from ?offset=N or the last ?tail=N bytes; ?format=text gives the whole log as text.");

        return endpoints;
    }

    private static IResult NoRun(string id) => Results.NotFound(new { error = $"no run '{id}'" });

    private static bool TryLong(string? text, out long value)
    {
        value = 0;
        return string.IsNullOrWhiteSpace(text) || long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}

/// <summary>The answer of <c>GET /api/runs/{id}/logs</c>.</summary>
/// <param name="Imported">The run was imported from the old CI; <paramref name="SourcePath"/> says where its logs were read from.</param>
public sealed record RunLogList(string RunId, bool IsLive, bool Imported, string? SourcePath, IReadOnlyList<RunLogInfo> Logs);
