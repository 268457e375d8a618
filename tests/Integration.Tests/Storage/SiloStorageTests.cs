using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using SglangCi.Grains.Storage;
using SglangCi.Interfaces;
using SglangCi.Silo.Storage.Results;

namespace SglangCi.Integration.Tests.Storage;

/// <summary>The real thing: a silo on a SQLite file, stopped and started again on the same file.</summary>
public sealed class SiloStorageTests : IDisposable
{
    private readonly TempSqliteFile _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Grain_state_written_by_one_host_is_read_by_the_next()
    {
        var preset = TestPresets.Grok(2);
        await using (var first = await TestSilo.StartAsync(_db.ConnectionString))
        {
            var grain = first.Grains.GetGrain<IPresetHolderGrain>("grok");
            await grain.Save(TestPresets.Grok(1), new DateOnly(2026, 1, 1));
            await grain.Save(preset, new DateOnly(2026, 2, 3));
            Assert.IsType<SqliteResultsStore>(first.Services.GetRequiredService<IResultsStore>());
        }

        Assert.Equal(2L, await _db.ScalarAsync<long>("SELECT Version FROM OrleansStorage"));

        await using var second = await TestSilo.StartAsync(_db.ConnectionString);
        var state = await second.Grains.GetGrain<IPresetHolderGrain>("grok").Load();

        TestPresets.AssertSame(preset, state.Preset);
        Assert.Equal(new DateOnly(2026, 2, 3), state.Since);
        Assert.Equal(["v1", "v2"], state.History);
        Assert.Null((await second.Grains.GetGrain<IPresetHolderGrain>("other").Load()).Preset);
    }

    [Fact]
    public async Task Cleared_state_reads_as_new_and_can_be_written_again()
    {
        await using var silo = await TestSilo.StartAsync(_db.ConnectionString);
        var grain = silo.Grains.GetGrain<IPresetHolderGrain>("clear-me");
        await grain.Save(TestPresets.Grok(1), new DateOnly(2026, 1, 1));

        await grain.Forget();
        Assert.Null((await grain.Load()).Preset);
        await grain.Save(TestPresets.Grok(3), new DateOnly(2026, 1, 3));

        Assert.Equal(3, (await grain.Load()).Preset!.Version);
        Assert.Equal(3L, await _db.ScalarAsync<long>("SELECT Version FROM OrleansStorage"));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_an_InconsistentStateException()
    {
        await using var silo = await TestSilo.StartAsync(_db.ConnectionString);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(ClusterIdentity.StorageName);
        var grainId = GrainId.Create("test-storage", "etag");
        const string grainType = "SglangCi.Integration.Tests.Storage.PresetHolderState";

        // Two activations of one grain that both read "no record yet".
        var mine = new GrainState<PresetHolderState>(new PresetHolderState());
        var theirs = new GrainState<PresetHolderState>(new PresetHolderState());
        await storage.ReadStateAsync(grainType, grainId, mine);
        await storage.ReadStateAsync(grainType, grainId, theirs);
        Assert.Null(mine.ETag);
        mine.State!.History.Add("mine");
        theirs.State!.History.Add("theirs");

        await storage.WriteStateAsync(grainType, grainId, mine);
        // Both thought the record was new: the second insert must not overwrite the first.
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(grainType, grainId, theirs));

        await storage.ReadStateAsync(grainType, grainId, theirs);
        theirs.State!.History = ["theirs"];
        var staleEtag = mine.ETag;
        await storage.WriteStateAsync(grainType, grainId, theirs);
        mine.ETag = staleEtag;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(grainType, grainId, mine));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(grainType, grainId, mine));

        var check = new GrainState<PresetHolderState>(new PresetHolderState());
        await storage.ReadStateAsync(grainType, grainId, check);
        Assert.Equal(["theirs"], check.State!.History);
        Assert.Equal("2", check.ETag);
        Assert.True(check.RecordExists);

        // An ETag for a row that does not exist must not create it either.
        var ghost = new GrainState<PresetHolderState>(new PresetHolderState()) { ETag = "5" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(grainType, GrainId.Create("test-storage", "ghost"), ghost));
    }

    [Fact]
    public async Task Of_concurrent_writers_holding_the_same_etag_exactly_one_wins()
    {
        await using var silo = await TestSilo.StartAsync(_db.ConnectionString);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(ClusterIdentity.StorageName);
        var grainId = GrainId.Create("test-storage", "race");
        var seed = new GrainState<PresetHolderState>(new PresetHolderState());
        await storage.WriteStateAsync("race", grainId, seed);

        var writers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var state = new GrainState<PresetHolderState>(new PresetHolderState { History = [$"writer-{i}"] }, seed.ETag);
            try
            {
                await storage.WriteStateAsync("race", grainId, state);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        })).ToArray();

        Assert.Single(await Task.WhenAll(writers), won => won);
        Assert.Equal(2L, await _db.ScalarAsync<long>("SELECT Version FROM OrleansStorage"));
    }

    [Fact]
    public async Task Keys_with_extensions_and_integer_keys_are_stored_apart()
    {
        await using var silo = await TestSilo.StartAsync(_db.ConnectionString);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(ClusterIdentity.StorageName);
        const string grainType = "keys";
        GrainId[] ids =
        [
            GrainId.Create("t", "plain"),
            GrainId.Create("t", "plain+ext"),
            GrainId.Create("t", Guid.Parse("2a1b2c3d-0000-0000-0000-000000000001").ToString("N")),
            GrainId.Create("t", Guid.Parse("2a1b2c3d-0000-0000-0000-000000000001").ToString("N") + "+ext"),
        ];

        foreach (var id in ids)
        {
            await storage.WriteStateAsync(grainType, id, new GrainState<PresetHolderState>(new PresetHolderState { History = [id.ToString()] }));
        }

        foreach (var id in ids)
        {
            var state = new GrainState<PresetHolderState>(new PresetHolderState());
            await storage.ReadStateAsync(grainType, id, state);
            Assert.Equal([id.ToString()], state.State!.History);
        }

        Assert.Equal(ids.Length, await _db.ScalarAsync<long>("SELECT count(*) FROM OrleansStorage"));
    }

    [Fact]
    public async Task A_reminder_registered_on_one_host_fires_on_the_next()
    {
        const string key = "ticker";
        await using (var first = await TestSilo.StartAsync(_db.ConnectionString))
        {
            await first.Grains.GetGrain<IPresetHolderGrain>(key).StartTicking(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2));
        }

        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM OrleansRemindersTable"));
        var tick = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        PresetHolderGrain.Ticks[key] = tick;
        try
        {
            await using var second = await TestSilo.StartAsync(_db.ConnectionString);
            await tick.Task.WaitAsync(TimeSpan.FromSeconds(45));
        }
        finally
        {
            PresetHolderGrain.Ticks.TryRemove(key, out _);
        }
    }
}
