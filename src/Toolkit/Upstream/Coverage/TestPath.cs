namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// Normalises test file names so the same file is one key however a registry spells it (<c>./a/b.py</c>,
/// <c>a\b.py</c>, <c>a//b.py</c>).
/// </summary>
public static class TestPath
{
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = new List<string>();
        foreach (var part in path.Trim().Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>Joins a folder and a name relative to it, normalised.</summary>
    public static string Combine(string folder, string name) => Normalize(folder + "/" + name);
}
