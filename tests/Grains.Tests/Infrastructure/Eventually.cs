namespace SglangCi.Grains.Tests.Infrastructure;

/// <summary>Polling helpers: grain work runs in the background, so tests wait for a condition with a deadline.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, bool tolerateErrors = false)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? lastError = null;
        T? last = default;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await probe();
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception e) when (tolerateErrors)
            {
                lastError = e;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{what} did not happen within {timeout}; last value: {last}; last error: {lastError?.Message}");
    }
}
