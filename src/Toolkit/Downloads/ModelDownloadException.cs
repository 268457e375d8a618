using System.Net;

namespace SglangCi.Toolkit.Downloads;

/// <summary>
/// A download that failed with a message meant for the operator (which repo, which file, what to do). Messages are
/// built from URLs and status codes only, never from request headers, so the access token cannot leak through them.
/// </summary>
public sealed class ModelDownloadException : Exception
{
    public ModelDownloadException(string message, bool transient = false, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Transient = transient;
        StatusCode = statusCode;
    }

    public ModelDownloadException()
    {
    }

    public ModelDownloadException(string message)
        : base(message)
    {
    }

    public ModelDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Worth retrying: a server error, rate limiting or a dropped connection, not a 404 or a bad hash.</summary>
    public bool Transient { get; }

    /// <summary>The HTTP status that caused it, when there was one.</summary>
    public HttpStatusCode? StatusCode { get; }
}
