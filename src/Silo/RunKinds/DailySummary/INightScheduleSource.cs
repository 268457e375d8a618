namespace SglangCi.Silo.RunKinds.DailySummary;

/// <summary>Reads the cluster's schedules whose jobs run on a hardware kind (the summary's "not run" and time zone).</summary>
public interface INightScheduleSource
{
    Task<IReadOnlyList<ScheduleOnHardware>> ReadAsync(string hardware, CancellationToken cancellationToken);
}
