using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;
using SglangCi.Silo.Storage.Providers;
using SglangCi.Silo.Storage.Resilience;

namespace SglangCi.Integration.Tests.Storage;

/// <summary>What the grain-state retry tries again, and what it lets through at once.</summary>
public sealed class RetryingGrainStorageTests
{
    [Fact]
    public void Broken_connections_and_a_server_going_away_are_transient_and_sql_errors_are_not()
    {
        Assert.True(TransientDatabaseErrors.IsTransient(new NpgsqlException("Exception while reading from stream", new IOException("broken pipe"))));
        Assert.True(TransientDatabaseErrors.IsTransient(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")));
        Assert.True(TransientDatabaseErrors.IsTransient(new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03")));
        Assert.False(TransientDatabaseErrors.IsTransient(new PostgresException("password authentication failed", "FATAL", "FATAL", "28P01")));
        Assert.False(TransientDatabaseErrors.IsTransient(new PostgresException("duplicate key value", "ERROR", "ERROR", "23505")));
        Assert.False(TransientDatabaseErrors.IsTransient(new InconsistentStateException("etag mismatch")));
    }

    [Fact]
    public async Task A_write_on_a_dead_pooled_connection_is_tried_again_and_succeeds()
    {
        var inner = new FlakyStorage(failures: 2, () => new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"));
        await new RetryingGrainStorage(inner).WriteStateAsync("state", GrainId.Create("run", "r1"), new GrainState<int>(7));
        Assert.Equal(3, inner.Calls);
    }

    [Fact]
    public async Task An_etag_conflict_is_not_retried()
    {
        var inner = new FlakyStorage(failures: 5, () => new InconsistentStateException("etag mismatch"));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            new RetryingGrainStorage(inner).WriteStateAsync("state", GrainId.Create("run", "r1"), new GrainState<int>(7)));
        Assert.Equal(1, inner.Calls);
    }

    /// <summary>Fails its first <paramref name="failures"/> calls with <paramref name="error"/>, then succeeds.</summary>
    private sealed class FlakyStorage(int failures, Func<Exception> error) : IGrainStorage
    {
        public int Calls { get; private set; }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Next();

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Next();

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Next();

        private Task Next() => ++Calls <= failures ? Task.FromException(error()) : Task.CompletedTask;
    }
}
