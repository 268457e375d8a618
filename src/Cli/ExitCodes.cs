namespace SglangCi.Cli;

/// <summary>Process exit codes scripts and CI jobs can branch on.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked (a run started, or a waited-for run succeeded).</summary>
    public const int Success = 0;

    /// <summary>The run failed or was skipped, or the cluster could not be reached.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong: unknown option, missing or malformed value, unknown preset or node.</summary>
    public const int BadArguments = 2;

    /// <summary><c>parse</c>: the file holds no result of the requested kind, or it could not be parsed.</summary>
    public const int NoResult = 3;
}
