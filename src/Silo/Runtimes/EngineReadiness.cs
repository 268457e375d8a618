using SglangCi.Grains.Runtime;
using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Silo.Runtimes;

/// <summary>
/// Waits for a starting SGLang server to serve: <see cref="EngineServerOptions.ReadinessPath"/> answering 200 or the
/// ready line in its log, whichever comes first. Fails early, with the last log lines, when the server ends; fails when
/// the timeout passes or the start is cancelled (the node's startup timeout, or the run ended).
/// </summary>
internal sealed class EngineReadiness(HttpClient http, EngineServerOptions options, TimeProvider time)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public async Task WaitAsync(IStartingServer server, ContainerOutput output, Uri baseUrl, TimeSpan timeout, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var health = new Uri(baseUrl, options.ReadinessPath);
        try
        {
            while (true)
            {
                if (output.LineSeen.IsCompleted || await AnswersAsync(health, ct))
                {
                    return;
                }

                if (await server.HowItEndedAsync(ct) is { } how)
                {
                    throw new EngineStartException($"{server.Description} {how} while the server was starting{output.TailForMessage()}");
                }

                if (time.GetElapsedTime(started) >= timeout)
                {
                    throw new EngineStartException(
                        $"{server.Description} did not become ready within {timeout.TotalSeconds:0.#} s ({health} never answered 200 and the log " +
                        $"never said '{options.ReadyLogLine}'){output.TailForMessage()}");
                }

                await Task.WhenAny(Task.Delay(options.ReadinessPollInterval, time, ct), output.LineSeen, server.Ended);
                ct.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException e) when (ct.IsCancellationRequested)
        {
            throw new EngineStartException(
                $"start of {server.Description} was cancelled after {time.GetElapsedTime(started).TotalSeconds:0.#} s (the startup timeout passed or the run ended)" +
                output.TailForMessage(), e);
        }
    }

    private async Task<bool> AnswersAsync(Uri health, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var response = await http.GetAsync(health, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }
}
