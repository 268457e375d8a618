using Polly;
using Polly.Retry;

namespace SglangCi.Silo.Storage.Resilience;

/// <summary>
/// The retry SglangCi's database writes and reads go through: transient failures only
/// (<see cref="TransientDatabaseErrors"/>), exponential back-off with jitter, and no new attempt once
/// <see cref="Budget"/> has passed — so a grain call (30 s) still hears about a database that stays away. The budget
/// bounds the retrying, not an attempt already under way (an attempt against an unreachable host waits for its
/// connection timeout). Only used around work that is safe to repeat: a results save is one transaction of upserts, a
/// grain state write carries its ETag (see <see cref="Providers.RetryingGrainStorage"/> for the one ambiguous case).
/// </summary>
public static class DatabaseRetry
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(25);

    public static ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder()
        .AddTimeout(Budget)
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientDatabaseErrors.IsTransient),
            MaxRetryAttempts = 7,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(250),
            MaxDelay = TimeSpan.FromSeconds(8),
        })
        .Build();
}
