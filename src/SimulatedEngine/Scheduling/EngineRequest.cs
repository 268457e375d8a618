using System.Diagnostics;
using System.Threading.Channels;
using SglangCi.SimulatedEngine.Generation;

namespace SglangCi.SimulatedEngine.Scheduling;

/// <summary>
/// One request inside the engine: its parsed input, its output plan and the channel through which the
/// scheduler hands tokens to the HTTP handler. The channel decouples the scheduler's virtual clock from
/// the speed of the client: the scheduler never waits on a socket.
/// </summary>
internal sealed class EngineRequest
{
    private readonly Channel<TokenEvent> _events = Channel.CreateUnbounded<TokenEvent>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = true,
        AllowSynchronousContinuations = false,
    });

    private volatile bool _cancelled;

    public EngineRequest(string id, GenerationRequest input, TokenPlan plan)
    {
        Id = id;
        Input = input;
        Plan = plan;
        ArrivalTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>Request id reported as <c>meta_info.id</c>.</summary>
    public string Id { get; }

    /// <summary>The parsed request.</summary>
    public GenerationRequest Input { get; }

    /// <summary>The output plan; only the scheduler loop calls it.</summary>
    public TokenPlan Plan { get; }

    /// <summary>When the request entered the engine, for <c>e2e_latency</c>.</summary>
    public long ArrivalTimestamp { get; }

    /// <summary>Tokens (and the final finish reason) in the order they were generated.</summary>
    public ChannelReader<TokenEvent> Events => _events.Reader;

    /// <summary>Set by the HTTP side when the client went away; the scheduler drops the request at its
    /// next step, freeing its batch slot as SGLang's abort does.</summary>
    public bool IsCancelled => _cancelled;

    /// <summary>Seconds since arrival.</summary>
    public double ElapsedSeconds => Stopwatch.GetElapsedTime(ArrivalTimestamp).TotalSeconds;

    /// <summary>Asks the scheduler to drop this request; harmless after it finished.</summary>
    public void Cancel() => _cancelled = true;

    /// <summary>Delivers one event; the event carrying a finish reason closes the stream.</summary>
    public void Emit(TokenEvent e)
    {
        _events.Writer.TryWrite(e);
        if (e.Finish is not null)
        {
            _events.Writer.TryComplete();
        }
    }

    /// <summary>Ends the stream with an abort reason (server stopping or crashing).</summary>
    public void Abort(string message) =>
        Emit(new TokenEvent(string.Empty, Plan.Generated, new FinishReason(FinishKind.Abort, 0, message)));
}
