using System.Collections.Concurrent;
using Orleans;
using Orleans.Runtime;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Presets;

namespace SglangCi.Integration.Tests.Storage;

public interface IPresetHolderGrain : IGrainWithStringKey
{
    Task Save(ModelPreset preset, DateOnly since);

    Task<PresetHolderState> Load();

    Task Forget();

    Task StartTicking(TimeSpan dueTime, TimeSpan period);
}

/// <summary>Grain state shaped like ours: a record with dictionaries, lists, enums, nullables and a DateOnly.</summary>
[GenerateSerializer]
public sealed class PresetHolderState
{
    [Id(0)]
    public ModelPreset? Preset { get; set; }

    [Id(1)]
    public DateOnly? Since { get; set; }

    [Id(2)]
    public List<string> History { get; set; } = [];
}

/// <summary>A persistent, remindable test grain on the storage provider every SglangCi grain uses.</summary>
public sealed class PresetHolderGrain(
    [PersistentState("state", ClusterIdentity.StorageName)] IPersistentState<PresetHolderState> state) : Grain, IPresetHolderGrain, IRemindable
{
    public const string ReminderName = "tick";

    /// <summary>Reminder ticks by grain key, so a test can see a tick delivered by a later host.</summary>
    public static ConcurrentDictionary<string, TaskCompletionSource> Ticks { get; } = new();

    public async Task Save(ModelPreset preset, DateOnly since)
    {
        state.State.Preset = preset;
        state.State.Since = since;
        state.State.History.Add($"v{preset.Version}");
        await state.WriteStateAsync();
    }

    public Task<PresetHolderState> Load() => Task.FromResult(state.State);

    public Task Forget() => state.ClearStateAsync();

    public Task StartTicking(TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, dueTime, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName && Ticks.TryGetValue(this.GetPrimaryKeyString(), out var tick))
        {
            tick.TrySetResult();
        }

        return Task.CompletedTask;
    }
}
