namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// The path given is not something to compare: missing, or a folder with neither registry layout. The message names
/// the paths looked at, because the usual cause is pointing at the wrong folder.
/// </summary>
public sealed class CoverageCheckoutException : Exception
{
    public CoverageCheckoutException()
    {
    }

    public CoverageCheckoutException(string message)
        : base(message)
    {
    }

    public CoverageCheckoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
