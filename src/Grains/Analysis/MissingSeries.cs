namespace SglangCi.Grains.Analysis;

/// <summary>A (hardware, host, model, mode) that had nights lately and none tonight: its last night and image.</summary>
public sealed record MissingSeries(string Hardware, string Host, string Model, string Mode, DateOnly LastNight, string? LastImage);
