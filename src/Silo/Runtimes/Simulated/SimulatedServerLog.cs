using System.Globalization;
using System.Text;
using SglangCi.Interfaces.Nodes;
using SglangCi.SimulatedEngine;
using SglangCi.Toolkit.History;

namespace SglangCi.Silo.Runtimes.Simulated;

/// <summary>
/// The server log of a simulated engine, in the shape SGLang's <c>launch_server</c> prints it: the server arguments,
/// weight loading, KV cache and CUDA graph lines, Uvicorn's start, "The server is fired up and ready to roll!", then
/// a "Prefill batch." / "Decode batch." line per second of activity (from the engine's counters), and the shutdown or
/// the crash. Every line is redacted before it is written; the file is shared for reading while it grows.
/// </summary>
internal sealed class SimulatedServerLog : IAsyncDisposable
{
    private static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(1);

    private readonly StreamWriter _writer;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _ticks = Task.CompletedTask;
    private bool _closed;

    private SimulatedServerLog(string path, StreamWriter writer, TimeProvider time)
    {
        Path = path;
        _writer = writer;
        _time = time;
    }

    public string Path { get; }

    /// <summary>Opens (appending: a retried start keeps the first attempt's lines) the log at <paramref name="path"/>; null if it cannot be written.</summary>
    public static SimulatedServerLog? Open(string path, TimeProvider time)
    {
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            return new SimulatedServerLog(path, new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true }, time);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>What SGLang prints before it listens: its arguments, then the start of the weight load.</summary>
    public void Starting(EngineLaunch launch, SimulatedEngineOptions options)
    {
        var args = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["model_path"] = Repr(options.ModelPath),
            ["tokenizer_path"] = Repr(options.ModelPath),
            ["served_model_name"] = Repr(options.ModelName),
            ["host"] = Repr("127.0.0.1"),
            ["tp_size"] = "1",
            ["max_running_requests"] = options.MaxRunningRequests.ToString(CultureInfo.InvariantCulture),
            ["context_length"] = options.ContextLength.ToString(CultureInfo.InvariantCulture),
            ["api_key"] = "None",
        };
        foreach (var (key, value) in options.ServerArgs ?? new Dictionary<string, string>())
        {
            args[key] = value switch
            {
                "true" or "True" => "True",
                "false" or "False" => "False",
                _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => value,
                _ => Repr(value),
            };
        }

        Write(null, $"server_args=ServerArgs({string.Join(", ", args.Select(a => $"{a.Key}={a.Value}"))})");
        foreach (var (key, value) in launch.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            Write(null, $"env {key}={value}");
        }

        Write("TP0", "Init torch distributed begin.");
        Write("TP0", "Init torch distributed ends. mem usage=0.00 GB");
        Write("TP0", "Load weight begin. avail mem=191.45 GB");
    }

    /// <summary>The load finished and the server answers: the lines up to "fired up", then one line per second of activity.</summary>
    public void Ready(SimulatedEngineServer server)
    {
        var options = server.Options;
        var tokens = (long)options.MaxRunningRequests * options.ContextLength / 8;
        Write("TP0", $"Load weight end. type=SimulatedForCausalLM, dtype=torch.bfloat16, avail mem=101.45 GB, mem usage=90.00 GB.");
        Write("TP0", $"KV Cache is allocated. #tokens: {tokens}, K size: 30.00 GB, V size: 30.00 GB");
        Write("TP0", "Capture cuda graph begin. This can take up to several minutes.");
        Write("TP0", "Capture cuda graph end. Time elapsed: 0.01 s");
        Write("TP0", $"max_total_num_tokens={tokens}, chunked_prefill_size=8192, max_prefill_tokens=16384, max_running_requests={options.MaxRunningRequests}, context_len={options.ContextLength}");
        Write(null, $"INFO:     Started server process [{Environment.ProcessId}]");
        Write(null, "INFO:     Waiting for application startup.");
        Write(null, "INFO:     Application startup complete.");
        Write(null, $"INFO:     Uvicorn running on {server.BaseUrl.GetLeftPart(UriPartial.Authority)} (Press CTRL+C to quit)");
        Write(null, "INFO:     127.0.0.1:0 - \"GET /get_model_info HTTP/1.1\" 200 OK");
        Write(null, "The server is fired up and ready to roll!");
        _ticks = FollowAsync(server, _stop.Token);
    }

    /// <summary>The engine did not come up, or went down: SGLang's scheduler prints the exception before the process exits.</summary>
    public void Failed(string reason)
    {
        Write("TP0", $"Scheduler hit an exception: {reason}");
        Write(null, "Received sigquit from a child process. It usually means the child failed.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _ticks;
        Write(null, "INFO:     Shutting down");
        Write(null, "INFO:     Finished server process [" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "]");
        lock (_gate)
        {
            _closed = true;
            _writer.Dispose();
        }

        _stop.Dispose();
    }

    private async Task FollowAsync(SimulatedEngineServer server, CancellationToken cancellationToken)
    {
        var stats = server.Stats;
        var (received, generated, prompt) = (stats.RequestsReceived, stats.TokensGenerated, stats.PromptTokens);
        var last = _time.GetTimestamp();
        using var timer = new PeriodicTimer(TickPeriod, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (server.Completion is { IsFaulted: true } crashed)
                {
                    Failed(crashed.Exception!.GetBaseException().Message);
                    return;
                }

                var (nowReceived, nowGenerated, nowPrompt) = (stats.RequestsReceived, stats.TokensGenerated, stats.PromptTokens);
                var running = Math.Max(0, nowReceived - stats.RequestsServed - stats.RequestsFailed - stats.RequestsAborted);
                var waiting = Math.Max(0, running - server.Options.MaxRunningRequests);
                running -= waiting;
                var usage = (double)running / server.Options.MaxRunningRequests;
                if (nowReceived > received)
                {
                    Write("TP0", $"Prefill batch. #new-seq: {nowReceived - received}, #new-token: {nowPrompt - prompt}, #cached-token: 0, " +
                        $"token usage: {usage.ToString("0.00", CultureInfo.InvariantCulture)}, #running-req: {running}, #queue-req: {waiting}");
                }

                if (nowGenerated > generated)
                {
                    var seconds = Math.Max(_time.GetElapsedTime(last).TotalSeconds, 0.001);
                    var throughput = (nowGenerated - generated) / seconds;
                    Write("TP0", $"Decode batch. #running-req: {running}, #token: {nowGenerated}, token usage: {usage.ToString("0.00", CultureInfo.InvariantCulture)}, " +
                        $"gen throughput (token/s): {throughput.ToString("0.00", CultureInfo.InvariantCulture)}, #queue-req: {waiting}");
                }

                (received, generated, prompt, last) = (nowReceived, nowGenerated, nowPrompt, _time.GetTimestamp());
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Write(string? rank, string message)
    {
        var stamp = _time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var line = $"[{stamp}{(rank is null ? "" : " " + rank)}] {SecretRedactor.Redact(message)}";
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            try
            {
                _writer.WriteLine(line);
            }
            catch (IOException)
            {
                // A full disk must not take the engine down; the log just stops.
            }
        }
    }

    private static string Repr(string value) => $"'{value.Replace("'", "\\'", StringComparison.Ordinal)}'";
}
