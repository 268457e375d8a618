using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>
/// Hosting the run's background pipeline: it runs as a plain task (never on the grain's turn), holds a
/// token only this activation knows, and a keep-alive timer holds the activation while it works and
/// notices a pipeline that ended without reporting.
/// </summary>
public sealed partial class RunGrain
{
    private void StartPipeline(RunPlan plan)
    {
        _cancellation = new CancellationTokenSource();
        _pipelineToken = Guid.NewGuid();
        var sink = this.AsReference<IRunPhaseSink>();
        var pipeline = new RunPipeline(services, GrainFactory);
        var (token, cancellation) = (_pipelineToken, _cancellation.Token);
        _pipeline = Task.Run(() => pipeline.RunAsync(plan, sink, token, cancellation), CancellationToken.None);

        // Hold the activation while the pipeline works (a queued run may see no call for hours), and notice
        // a pipeline that ended without reporting.
        _keepAlive = this.RegisterGrainTimer(
            KeepAliveAsync,
            new GrainTimerCreationOptions(options.Value.KeepAlivePeriod, options.Value.KeepAlivePeriod) { KeepAlive = true });
    }

    private async Task KeepAliveAsync(CancellationToken cancellationToken)
    {
        if (_pipeline is not { IsCompleted: true })
        {
            return;
        }

        if (IsActive)
        {
            var error = _pipeline.Exception?.GetBaseException().Message ?? "no report";
            await FinishAsync(RunStatus.Failed, $"the pipeline stopped without reporting an outcome: {error}");
        }

        await CatchUpAsync();
    }
}
