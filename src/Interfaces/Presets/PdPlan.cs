namespace SglangCi.Interfaces.Presets;

/// <summary>
/// How a preset runs the PD (prefill/decode disaggregation) test on one hardware kind: a prefill server on the first
/// half of the run's GPUs, a decode server on the second half, and the <c>sglang_router</c> PD router in front of
/// them, then health, completion, code and GSM8K checks through the router. The server arguments are the role's own
/// flags (<c>--disaggregation-mode</c>, <c>--tp</c>, …); the run adds <c>--port</c>, and the router's
/// <c>--prefill</c>/<c>--decode</c> URLs once the servers are up.
/// </summary>
/// <param name="PrefillArgs">Flags of the prefill server (<c>--disaggregation-mode prefill …</c>).</param>
/// <param name="DecodeArgs">Flags of the decode server (<c>--disaggregation-mode decode …</c>).</param>
/// <param name="RouterArgs">Flags of the router after its program (<c>--pd-disaggregation --host 0.0.0.0</c>).</param>
[GenerateSerializer, Immutable]
public sealed record PdPlan(
    [property: Id(0)] IReadOnlyList<string> PrefillArgs,
    [property: Id(1)] IReadOnlyList<string> DecodeArgs,
    [property: Id(2)] IReadOnlyList<string> RouterArgs)
{
    /// <summary>The router's program; its flags follow.</summary>
    public static readonly IReadOnlyList<string> DefaultRouterCommand = ["python3", "-m", "sglang_router.launch_router"];

    [Id(3)]
    public IReadOnlyDictionary<string, string> PrefillEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>The old test gave decode <c>SGLANG_DISAGGREGATION_WAITING_TIMEOUT=600</c>.</summary>
    [Id(4)]
    public IReadOnlyDictionary<string, string> DecodeEnvironment { get; init; } = new Dictionary<string, string>();

    [Id(5)]
    public IReadOnlyList<string> RouterCommand { get; init; } = DefaultRouterCommand;

    [Id(6)]
    public int PrefillPort { get; init; } = 30025;

    [Id(7)]
    public int DecodePort { get; init; } = 30026;

    [Id(8)]
    public int RouterPort { get; init; } = 30028;

    /// <summary>GSM8K questions through the router (a job's <c>RunOptions.Questions</c> overrides it).</summary>
    [Id(9)]
    public int Questions { get; init; } = 200;

    [Id(10)]
    public int Parallel { get; init; } = 16;

    [Id(11)]
    public int Shots { get; init; } = 5;

    [Id(12)]
    public int MaxNewTokens { get; init; } = 512;

    /// <summary>
    /// The accuracy GSM8K through the router must reach; null: the preset's own GSM8K threshold. A real quality bar:
    /// the old test passed anything at or above 0.001, so a PD setup that answered nonsense still "passed".
    /// A job's <c>RunOptions.Threshold</c> overrides it.
    /// </summary>
    [Id(13)]
    public double? Threshold { get; init; }
}
