using SglangCi.Grains.Runtime;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// Waits for a server container to serve: <see cref="DockerRuntimeOptions.ReadinessPath"/> answering 200 or the ready
/// line in its log, whichever comes first. Fails early, with the container's last log lines, when the container
/// exits; fails when <paramref name="timeout"/> passes or the start is cancelled (the node's startup timeout, or the
/// run ended).
/// </summary>
internal sealed class DockerReadiness(HttpClient http, DockerRuntimeOptions options, TimeProvider time)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public async Task WaitAsync(DockerContainer container, ContainerOutput output, Uri baseUrl, TimeSpan timeout, CancellationToken ct)
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

                var state = await container.StateAsync(ct);
                if (state is not { Running: true })
                {
                    await container.DrainOutputAsync();
                    var how = state is null ? "disappeared"
                        : state.OOMKilled ? $"was killed for lack of memory (exit code {state.ExitCode})"
                        : $"exited with code {state.ExitCode}{(string.IsNullOrEmpty(state.Error) ? "" : $" ({state.Error})")}";
                    throw new EngineStartException($"container {container.Name} {how} while the server was starting{output.TailForMessage()}");
                }

                if (time.GetElapsedTime(started) >= timeout)
                {
                    throw new EngineStartException(
                        $"container {container.Name} did not become ready within {timeout.TotalSeconds:0.#} s ({health} never answered 200 and the log " +
                        $"never said '{options.ReadyLogLine}'){output.TailForMessage()}");
                }

                await Task.WhenAny(Task.Delay(options.ReadinessPollInterval, time, ct), output.LineSeen);
                ct.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException e) when (ct.IsCancellationRequested)
        {
            throw new EngineStartException(
                $"start of container {container.Name} was cancelled after {time.GetElapsedTime(started).TotalSeconds:0.#} s (the startup timeout passed or the run ended)" +
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
