namespace SglangCi.Toolkit.History.Pd;

/// <summary>One <c>- Prefill Server: Port 30025, GPUs 0-3, TP=4</c> line of the configuration block.</summary>
public sealed record PdServerConfig(int Port, string Gpus, int TensorParallel, SourceRef Source);
