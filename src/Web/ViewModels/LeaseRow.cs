namespace SglangCi.Web.ViewModels;

/// <summary>A run holding GPUs on a node.</summary>
public sealed record LeaseRow(string RunId, string Gpus);
