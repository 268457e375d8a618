namespace SglangCi.Toolkit.History.UnitTests;

/// <summary>
/// One <c>unit-test-backend-8-gpu-CAR-amd/&lt;hw&gt;/&lt;tag&gt;.log</c> of the seed's <c>test_nightly.sh</c>: the header the
/// wrapper wrote, unittest's summary and the footer. The file name is the image tag, so a rerun overwrote the night's
/// file; there is one run per image per hardware.
/// </summary>
/// <param name="Source">The file (line 0).</param>
/// <param name="TestName">The unittest target (<c>test_custom_allreduce.TestCustomAllReduce</c>).</param>
/// <param name="Image">The image: the <c>Image:</c> line's tag, else the file name's.</param>
/// <param name="ImageText">
/// The <c>Image:</c> line as printed. Kept because <see cref="ImageTag"/> stops at the date: one mi35x image was
/// <c>…-20251003-RC</c>, and only this text tells it apart from a plain nightly of that date.
/// </param>
/// <param name="Container">The container name.</param>
/// <param name="Hardware">The hardware the header names.</param>
/// <param name="Machine">The host; null in files written before the line existed.</param>
/// <param name="StartedAt">The header's <c>Start time:</c> (Central time on these machines, CST/CDT).</param>
/// <param name="EndedAt">The footer's <c>End time:</c>.</param>
/// <param name="TestDirectory">The directory the test ran in (moved from test/srt to test/manual in the seed's history).</param>
/// <param name="Command">The command line as logged. Raw: the importer passes it through its secret redaction before storing it.</param>
/// <param name="TestsRan">unittest's <c>Ran N tests</c>; null when the run died before printing it.</param>
/// <param name="DurationS">unittest's <c>in Xs</c>.</param>
/// <param name="Verdict">unittest's verdict line after <c>Ran</c>; null when absent (killed runs).</param>
/// <param name="ExitCode">The footer's exit code.</param>
/// <param name="Result">The outcome decided from the exit code.</param>
/// <param name="ResultLabel">The footer's <c>Result:</c> text as printed (<c>PASSED</c>, <c>FAILED</c>).</param>
/// <param name="ResultSource">The footer's <c>Result:</c> line.</param>
public sealed record UnitTestRun(
    SourceRef Source,
    string? TestName,
    ImageTag Image,
    string? ImageText,
    string? Container,
    string? Hardware,
    string? Machine,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? TestDirectory,
    string? Command,
    int? TestsRan,
    double? DurationS,
    UnitTestVerdict? Verdict,
    int ExitCode,
    UnitTestResult Result,
    string ResultLabel,
    SourceRef ResultSource);
