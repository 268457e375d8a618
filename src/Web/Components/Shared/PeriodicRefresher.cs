namespace SglangCi.Web.Components.Shared;

/// <summary>
/// Runs a callback on a fixed period until disposed. Pages start it only once interactive, so the
/// prerender pass never leaves a timer behind.
/// </summary>
public sealed class PeriodicRefresher : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public bool IsRunning { get; private set; }

    public void Start(TimeSpan period, Func<Task> tick)
    {
        if (IsRunning)
        {
            return;
        }

        IsRunning = true;
        _loop = RunAsync(period, tick, _stop.Token);
    }

    private static async Task RunAsync(TimeSpan period, Func<Task> tick, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await tick();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed: the circuit is gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
            // The component's renderer went away mid-tick; nothing left to update.
        }

        _stop.Dispose();
    }
}
