namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// End-to-end tests start whole processes and compare measured latencies with the simulator's model, so
/// they run one at a time and never beside other tests on a two-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "EndToEnd";
}
