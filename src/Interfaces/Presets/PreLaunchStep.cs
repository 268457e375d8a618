namespace SglangCi.Interfaces.Presets;

/// <summary>
/// One step a preset runs on the node after the run has its GPUs and before the real server starts, like the
/// old system's aiter JIT lock clean-up and its TP=1 warm-up server that pre-compiles kernels. Steps are
/// best-effort: a failed or timed-out step is logged and the run goes on, unless <see cref="Required"/>.
/// </summary>
/// <param name="Name">Names the step in the run log and in a failure reason.</param>
/// <param name="Kind">A command in the engine's environment, or a warm-up server.</param>
/// <param name="Timeout">How long the step may take (a warm-up server is stopped when ready or at this limit).</param>
/// <param name="Command">The command and its arguments (for <see cref="PreLaunchStepKind.Command"/>).</param>
/// <param name="ServerArgs">For <see cref="PreLaunchStepKind.WarmupServer"/>: flags that replace the same-named flags of
/// the launch's server arguments (e.g. <c>--tp 1 --port 30001</c>); flags the launch lacks are added.</param>
/// <param name="SkipIfAllExist">Paths inside the engine's environment; when all of them exist the step is skipped.</param>
/// <param name="Required">When true a failed or timed-out step fails the run.</param>
[GenerateSerializer, Immutable]
public sealed record PreLaunchStep(
    [property: Id(0)] string Name,
    [property: Id(1)] PreLaunchStepKind Kind,
    [property: Id(2)] TimeSpan Timeout,
    [property: Id(3)] IReadOnlyList<string>? Command = null,
    [property: Id(4)] IReadOnlyList<string>? ServerArgs = null,
    [property: Id(5)] IReadOnlyList<string>? SkipIfAllExist = null,
    [property: Id(6)] bool Required = false);

[GenerateSerializer]
public enum PreLaunchStepKind
{
    /// <summary>A command run through the node in the engine's environment; exit code 0 is success.</summary>
    Command = 0,

    /// <summary>A server started with the launch's arguments as overridden by the step, stopped once ready or at its timeout.</summary>
    WarmupServer = 1,
}
