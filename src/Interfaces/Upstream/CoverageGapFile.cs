namespace SglangCi.Interfaces.Upstream;

/// <summary>One test file NVIDIA's CI runs and AMD's does not (an entry of a computed report's gap list).</summary>
/// <param name="Category">The category row it counts in, e.g. <c>unit-test-backend-1-gpu</c>.</param>
/// <param name="File">Path under the checkout's <c>test/</c> folder, e.g. <c>srt/test_fa3.py</c>.</param>
/// <param name="EstimatedSeconds">NVIDIA's estimated time for it, when the test registry gives one.</param>
[GenerateSerializer, Immutable]
public sealed record CoverageGapFile(
    [property: Id(0)] string Category,
    [property: Id(1)] string File,
    [property: Id(2)] double? EstimatedSeconds);
