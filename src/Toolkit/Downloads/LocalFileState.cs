namespace SglangCi.Toolkit.Downloads;

/// <summary>What is on disk for one repo file, which decides whether it is skipped, resumed or fetched whole.</summary>
public enum LocalFileState
{
    /// <summary>Neither the file nor a partial download exists.</summary>
    Missing,

    /// <summary>A <c>.incomplete</c> file holds a prefix; the download resumes with a Range request.</summary>
    Partial,

    /// <summary>The file exists with the expected size (hash-checked too when verifying).</summary>
    Complete,

    /// <summary>A file exists with the wrong size (or hash, when verifying): it is downloaded again.</summary>
    Stale,
}
