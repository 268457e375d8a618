using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using SglangCi.SimulatedEngine.Generation;
using SglangCi.SimulatedEngine.Scheduling;

namespace SglangCi.SimulatedEngine;

/// <summary>Lifecycle of the simulated server as its health endpoints report it.</summary>
internal enum EngineState
{
    /// <summary>"Loading the model": health answers 503.</summary>
    Starting,

    /// <summary>Serving.</summary>
    Ready,

    /// <summary>Stopping, crashed or failed to start: health answers 503 until the listener closes.</summary>
    Down,
}

/// <summary>
/// Everything the HTTP endpoints share: options, counters, the scheduler, the response planner, fault
/// injection and the server's state. One object passed to every endpoint mapping keeps the endpoints free
/// of dependency-injection plumbing and makes the server's moving parts explicit.
/// </summary>
internal sealed class EngineContext
{
    private readonly ConcurrentDictionary<HttpContext, byte> _connections = new();
    private readonly ResponsePlanner _planner;
    private int _state = (int)EngineState.Starting;
    private long _nextId;

    public EngineContext(SimulatedEngineOptions options, Action<string> crash)
    {
        Options = options;
        Crash = crash;
        Scheduler = new EngineScheduler(options, Stats, crash);
        Faults = new FaultInjector(options.Faults, options.Seed);
        _planner = new ResponsePlanner(options);
    }

    public SimulatedEngineOptions Options { get; }

    public SimulatedEngineStats Stats { get; } = new();

    public EngineScheduler Scheduler { get; }

    public FaultInjector Faults { get; }

    /// <summary>Takes the whole server down (injected crash); set by the server, which owns the listener.</summary>
    public Action<string> Crash { get; }

    /// <summary>The host:port the server listens on, for <c>/get_server_info</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; }

    public EngineState State
    {
        get => (EngineState)Volatile.Read(ref _state);
        set => Volatile.Write(ref _state, (int)value);
    }

    /// <summary>Plans and queues one generation.</summary>
    public EngineRequest Submit(GenerationRequest input)
    {
        var id = $"{Options.Seed:x}{Interlocked.Increment(ref _nextId):x12}";
        var request = new EngineRequest(id, input, _planner.Plan(input));
        Scheduler.Enqueue(request);
        return request;
    }

    /// <summary>Registers a generation connection so a crash can cut it like a dying process would;
    /// dispose to unregister.</summary>
    public IDisposable Track(HttpContext http)
    {
        _connections.TryAdd(http, 0);
        return new Registration(this, http);
    }

    /// <summary>Aborts every tracked connection (the client sees a reset, not a clean response).</summary>
    public void AbortConnections()
    {
        foreach (var http in _connections.Keys)
        {
            try
            {
                http.Abort();
            }
            catch (ObjectDisposedException)
            {
                // The request completed meanwhile.
            }
        }
    }

    private sealed class Registration(EngineContext owner, HttpContext http) : IDisposable
    {
        public void Dispose() => owner._connections.TryRemove(http, out _);
    }
}
