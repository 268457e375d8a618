namespace SglangCi.Toolkit.History.Pd;

/// <summary>One <c>- Step N - Name: Ss</c> line: how long router, prefill, decode startup and the health wait took.</summary>
public sealed record PdSetupStep(int Number, string Name, int Seconds, SourceRef Source);
