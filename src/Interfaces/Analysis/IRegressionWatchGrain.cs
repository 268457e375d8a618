namespace SglangCi.Interfaces.Analysis;

/// <summary>
/// The regression watch of one hardware (key: hardware, e.g. <c>mi30x</c>): analyses each night as it completes, keeps
/// the alerts' lifecycle, and sweeps its series for change points once a week (a reminder).
/// </summary>
public interface IRegressionWatchGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs the detector over every series of the hardware up to <paramref name="night"/>, opens alerts for newly confirmed
    /// regressions and missing series, resolves those whose series recovered, and returns the night's card. Analysing a
    /// night again changes nothing already decided and returns the same card (its dedupe key is the night's).
    /// </summary>
    /// <param name="staleImage">Every run of the night used an older night's image: nothing new to judge, no card.</param>
    [ResponseTimeout("00:05:00")]
    Task<NightAnalysis> AnalyzeNight(DateOnly night, bool staleImage);

    /// <summary>The hardware's alerts, newest first: active ones, and resolved ones too when asked.</summary>
    Task<IReadOnlyList<SeriesAlert>> Alerts(bool includeResolved);

    /// <summary>Marks an active alert acknowledged by <paramref name="by"/>; it still resolves itself on recovery.</summary>
    Task<SeriesAlert> Acknowledge(string alertId, string by, string? note);

    /// <summary>Resolves an active alert by hand (e.g. the new level is accepted).</summary>
    Task<SeriesAlert> Resolve(string alertId, string by, string? note);

    /// <summary>The change points stored for the hardware's series from <paramref name="from"/> on, newest first.</summary>
    Task<IReadOnlyList<RecordedChangePoint>> ChangePoints(DateOnly? from);

    /// <summary>Sweeps every series of the hardware for change points now and stores them; returns how many are new.</summary>
    [ResponseTimeout("00:05:00")]
    Task<int> SweepChangePoints();
}
