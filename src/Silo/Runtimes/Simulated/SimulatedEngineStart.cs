namespace SglangCi.Silo.Runtimes.Simulated;

/// <summary>One server the simulated runtime started and the GPUs the node gave it, kept so tests can see where each
/// server of a run went (PD: prefill and decode on disjoint halves, the router on none).</summary>
public sealed record SimulatedEngineStart(string RunId, string ServerId, IReadOnlyList<int> Gpus, bool IsRouter);
