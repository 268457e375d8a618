namespace SglangCi.Toolkit.Images;

/// <summary>
/// The registry did not give a usable answer: a network error, an HTTP error status, a timeout or a body that is not
/// a tags page. It names the URL and the page, because "the image check failed" is useless at 9 am without them.
/// </summary>
public sealed class RegistryException : Exception
{
    public RegistryException()
    {
    }

    public RegistryException(string message)
        : base(message)
    {
    }

    public RegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RegistryException(string message, Uri url, int? page, Exception? innerException = null)
        : base(message, innerException)
    {
        Url = url;
        Page = page;
    }

    /// <summary>The request that failed.</summary>
    public Uri? Url { get; }

    /// <summary>The 1-based tags page, or null for a single-tag lookup.</summary>
    public int? Page { get; }
}
