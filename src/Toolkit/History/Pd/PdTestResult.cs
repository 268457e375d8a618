namespace SglangCi.Toolkit.History.Pd;

/// <summary>
/// One <c>- Test N - Name: …</c> line. For GSM8K (<c>0.9450 [PASS] (188s)</c>) <see cref="ValueText"/> is the printed
/// value (<c>0.9450</c>, <c>PENDING</c>, <c>FAILED</c>, <c>N/A</c>) and <see cref="Accuracy"/> its number when it is one;
/// <see cref="Status"/> is the label the old code printed, which is not trusted for GSM8K (see <see cref="PdTestSummary.Passed"/>).
/// </summary>
public sealed record PdTestResult(int Number, string Name, PdTestStatus Status, int? Seconds, string? ValueText, double? Accuracy, SourceRef Source);
