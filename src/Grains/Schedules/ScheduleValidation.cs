using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Schedules;
using SglangCi.Toolkit.Images;

namespace SglangCi.Grains.Schedules;

/// <summary>
/// What a schedule must be before it is stored: jobs with a node, a preset where the kind runs a model, unique names
/// that make unique job keys, no credentials in a job's git remote, and an image policy that can be looked up. Errors name the schedule and the job index, so
/// a broken schedule file is found when it is loaded, not at the night's firing.
/// </summary>
public static class ScheduleValidation
{
    /// <summary>More nights back than this is not a nightly any more; the old CI used 1.</summary>
    public const int MaxContinueRunDays = 14;

    /// <exception cref="ArgumentException">The first problem found.</exception>
    public static void Validate(ScheduleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var where = $"schedule '{definition.Name}'";
        if (string.IsNullOrWhiteSpace(definition.Name) || definition.Name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{where}: Name is required and must not contain '/' (it starts every job key)");
        }

        if (definition.Jobs is null)
        {
            throw new ArgumentException($"{where}: Jobs is required");
        }

        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < definition.Jobs.Count; i++)
        {
            var job = definition.Jobs[i] ?? throw new ArgumentException($"{where}: Jobs[{i}] is empty");
            ValidateJob(job, $"{where}: Jobs[{i}]");
            if (names.TryGetValue(job.EffectiveName, out var first))
            {
                throw new ArgumentException($"{where}: Jobs[{i}] is named '{job.EffectiveName}' like Jobs[{first}]; give one of them a Name");
            }

            names[job.EffectiveName] = i;
        }

        if (definition.Images is { } policy)
        {
            ValidatePolicy(policy, $"{where}: Images");
        }
    }

    private static void ValidateJob(ScheduledJob job, string where)
    {
        if (!Enum.IsDefined(job.Mode))
        {
            throw new ArgumentException($"{where}: unknown mode {(int)job.Mode}");
        }

        if (string.IsNullOrWhiteSpace(job.NodeName))
        {
            throw new ArgumentException($"{where} ({job.Mode.WireName()}) needs NodeName");
        }

        if (job.Mode.NeedsPreset() && string.IsNullOrWhiteSpace(job.PresetName))
        {
            throw new ArgumentException($"{where} ({job.Mode.WireName()}) needs PresetName: a {job.Mode.WireName()} job runs a model");
        }

        if (job.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"{where}: Name '{name}' must not be blank or contain '/'");
        }

        // Checked here, not only when the night fires: a stored schedule would keep the token, and the job would fail
        // every night instead of being refused once, by whoever wrote it.
        if (job.Options is { } options && Runs.Kinds.PrImageKind.CredentialsProblem(options) is { } problem)
        {
            throw new ArgumentException($"{where} ({job.Mode.WireName()}): Options: {problem}");
        }
    }

    private static void ValidatePolicy(NightlyImagePolicy policy, string where)
    {
        try
        {
            ImageRepository.Parse(policy.Repository);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{where}: Repository: {e.Message}");
        }

        if (string.IsNullOrWhiteSpace(policy.Hardware))
        {
            throw new ArgumentException($"{where}: Hardware is required (the tag's hardware part: mi30x, mi35x)");
        }

        if (policy.RocmBuilds is not { Count: > 0 } builds || builds.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"{where}: RocmBuilds needs at least one build, none blank (e.g. [\"rocm700\", \"rocm630\"])");
        }

        if (policy.ContinueRunDays is < 1 or > MaxContinueRunDays)
        {
            throw new ArgumentException($"{where}: ContinueRunDays must be 1 to {MaxContinueRunDays}, got {policy.ContinueRunDays}");
        }
    }
}
