namespace SglangCi.Grains.Analysis;

/// <summary>A (model, mode) of a hardware that had nights lately, on any host, and none tonight: its last night, host and image.</summary>
public sealed record MissingSeries(string Hardware, string Model, string Mode, DateOnly LastNight, string? LastHost, string? LastImage);
