namespace SglangCi.Toolkit.Http;

/// <summary>
/// Joins a server root and an API path. <see cref="Uri(Uri, string)"/> alone drops the last segment of a base
/// without a trailing slash (http://host/prefix + v1/models = http://host/v1/models), which silently breaks
/// servers mounted under a path prefix, so the base is normalized first.
/// </summary>
internal static class EndpointUri
{
    public static Uri Combine(Uri baseUrl, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        return new Uri(root, relativePath.TrimStart('/'));
    }
}
