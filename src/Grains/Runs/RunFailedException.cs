namespace SglangCi.Grains.Runs;

/// <summary>The pipeline stops the run with this exact reason (no stage prefix is added: the message says it all).</summary>
public sealed class RunFailedException(string message) : Exception(message);
