namespace SglangCi.Toolkit.History.Pd;

/// <summary>
/// A PD-disaggregation run's <c>test_summary.txt</c> (<c>test/pd/pd_log/&lt;hw&gt;/&lt;tag&gt;[_rerun…]/</c>). The file carries
/// its own tag, hardware and host, so it needs nothing from its folder. Pass/fail is recomputed from the numbers
/// (<see cref="Passed"/>); the label the old code printed is kept in <see cref="OldLabel"/> because before ~Nov 24 it
/// called a 0.0000 accuracy a PASS.
/// </summary>
/// <param name="Source">The file (line 0).</param>
/// <param name="DockerTag">The <c>Docker Tag:</c> line's tag; null when missing or unreadable.</param>
/// <param name="DockerImage">The <c>Docker Image:</c> line as printed.</param>
/// <param name="Hardware">The <c>Hardware:</c> line.</param>
/// <param name="Model">The served model name.</param>
/// <param name="ModelPath">The weights path on the host.</param>
/// <param name="Hostname">The host the run used.</param>
/// <param name="IpAddress">The IP the servers bound to.</param>
/// <param name="Prefill">The prefill server's port, GPUs and TP.</param>
/// <param name="Decode">The decode server's port, GPUs and TP.</param>
/// <param name="LoadBalancerPort">The router's port.</param>
/// <param name="SetupSteps">Steps 1–4, in order.</param>
/// <param name="Tests">The test lines, in order.</param>
/// <param name="TotalTimeS"><c>Total Time (Setup + Tests)</c> (<c>Total Test Runtime</c> in the oldest file).</param>
/// <param name="SetupTimeS"><c>Setup Time (Steps 1-4)</c>.</param>
/// <param name="Gsm8kDurationS"><c>GSM8K Test Duration</c>.</param>
/// <param name="Gsm8kQuestionsPerSecond"><c>GSM8K Questions per Second</c>; null for N/A.</param>
/// <param name="Gsm8kParallelism"><c>GSM8K Parallelism: N concurrent requests</c>.</param>
public sealed record PdTestSummary(
    SourceRef Source,
    ImageTag? DockerTag,
    string? DockerImage,
    string? Hardware,
    string? Model,
    string? ModelPath,
    string? Hostname,
    string? IpAddress,
    PdServerConfig? Prefill,
    PdServerConfig? Decode,
    int? LoadBalancerPort,
    IReadOnlyList<PdSetupStep> SetupSteps,
    IReadOnlyList<PdTestResult> Tests,
    int? TotalTimeS,
    int? SetupTimeS,
    int? Gsm8kDurationS,
    double? Gsm8kQuestionsPerSecond,
    int? Gsm8kParallelism)
{
    /// <summary>The lowest accuracy that counts as a result: the seed's own rule, which only tells a dead pipeline from a live one (no quality threshold).</summary>
    public const double MinimumAccuracy = 0.001;

    /// <summary>The GSM8K test line (Test 6), when present.</summary>
    public PdTestResult? Gsm8k => Tests.LastOrDefault(t => t.Name.Contains("GSM8K", StringComparison.OrdinalIgnoreCase));

    /// <summary>The GSM8K accuracy printed, when it was a number (0.0000 included).</summary>
    public double? Gsm8kAccuracy => Gsm8k?.Accuracy;

    /// <summary>Setup never finished: Test 1 (health check) is still <c>PENDING</c>, or no test line exists at all.</summary>
    public bool SetupFailed => Tests.FirstOrDefault(t => t.Number == 1) is not { Status: not PdTestStatus.Pending };

    /// <summary>The label the old code printed on the GSM8K line (<c>[PASS]</c>), kept to show where it disagreed with <see cref="Passed"/>.</summary>
    public PdTestStatus? OldLabel => Gsm8k?.Status;

    /// <summary>
    /// Recomputed from numbers: tests 1–4 all PASS and a GSM8K accuracy of at least <see cref="MinimumAccuracy"/>. A
    /// 0.0000 is a failure whatever label was printed.
    /// </summary>
    public bool Passed =>
        Enumerable.Range(1, 4).All(n => Tests.Any(t => t.Number == n && t.Status == PdTestStatus.Pass))
        && Gsm8kAccuracy is >= MinimumAccuracy;
}
