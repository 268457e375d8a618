using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using SglangCi.Silo.Storage.Resilience;

namespace SglangCi.Silo.Storage.Postgres;

/// <summary>
/// A silo starting while its database is not up yet (a power event after which PostgreSQL comes back last, a restart in
/// progress) waits for it, for up to <see cref="Limit"/>, instead of failing its start and leaving it to the service
/// manager's retries, which give up after a few. Only transient failures are waited out: a wrong password or a missing
/// database fails at once, since only an operator can fix those.
/// </summary>
public static partial class PostgresStartupWait
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static Task EnsureSchemaAsync(PostgresStorageInitializer initializer, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        var pipeline = new ResiliencePipelineBuilder()
            .AddTimeout(Limit)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientDatabaseErrors.IsTransient),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(15),
                OnRetry = retry =>
                {
                    LogWaiting(logger, PostgresConnectionStrings.Redacted(initializer.ConnectionString), retry.Outcome.Exception?.Message, retry.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        return pipeline.ExecuteAsync(async ct => await initializer.EnsureInitializedAsync(ct), cancellationToken).AsTask();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for the cluster database ({Database}): {Reason}; trying again in {Delay}")]
    private static partial void LogWaiting(ILogger logger, string database, string? reason, TimeSpan delay);
}
