using System.Globalization;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>
/// Runs PD checks one by one and reports each as a <see cref="RunCheckResult"/> with its duration: an exception is that
/// check's failure (not the run's crash), and the job's timeout, counted from the first check, ends the check in
/// progress as timed out.
/// </summary>
public sealed class PdCheckRunner(RunContext run, TimeSpan? timeout)
{
    private readonly DateTimeOffset? _deadline = timeout is { } limit ? run.Time.GetUtcNow() + limit : null;

    public async Task<RunCheckResult> RunAsync(string name, Func<Task<PdCheckOutcome>> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        run.Stage = $"{name} check";
        var started = run.Time.GetTimestamp();
        PdCheckOutcome outcome;
        try
        {
            outcome = _deadline is { } deadline
                ? await check().WaitAsync(Remaining(deadline), run.Time, run.CancellationToken)
                : await check();
        }
        catch (TimeoutException)
        {
            // The check itself goes on until the pipeline cancels the run's work at its end.
            outcome = new PdCheckOutcome(CheckStatus.TimedOut, null, $"the job's timeout of {timeout:c} ran out");
        }
        catch (Exception e) when (!run.CancellationToken.IsCancellationRequested)
        {
            outcome = PdCheckOutcome.Failed(e.Message);
        }

        return await ReportAsync(new RunCheckResult(name, outcome.Status, outcome.Value, run.Time.GetElapsedTime(started), outcome.Detail));
    }

    public Task<RunCheckResult> SkipAsync(string name, string reason) =>
        ReportAsync(new RunCheckResult(name, CheckStatus.Skipped, null, null, reason));

    private async Task<RunCheckResult> ReportAsync(RunCheckResult result)
    {
        await run.ReportCheckAsync(result);
        var detail = result.Detail is null ? "" : $": {result.Detail}";
        var took = result.Duration is { } d ? $" ({d.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s)" : "";
        await run.LogAsync($"PD check {result.Name}: {result.Status.ToString().ToUpperInvariant()}{took}{detail}");
        return result;
    }

    private TimeSpan Remaining(DateTimeOffset deadline)
    {
        var left = deadline - run.Time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
