namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>Progress of a run: requests finished (ok or not) out of the total.</summary>
public readonly record struct LoadProgress(int Finished, int Failed, int Total);
