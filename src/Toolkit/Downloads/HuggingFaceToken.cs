namespace SglangCi.Toolkit.Downloads;

/// <summary>
/// Finds the access token the way <c>huggingface_hub</c> does: the configured variable, else the token file that
/// <c>huggingface-cli login</c> wrote (<c>HF_TOKEN_PATH</c>, <c>$HF_HOME/token</c>, <c>~/.cache/huggingface/token</c>),
/// so nodes already logged in keep working. Everything comes through <c>environment</c>, so tests never read the real
/// home directory.
/// </summary>
internal static class HuggingFaceToken
{
    public static string? Read(string variable, Func<string, string?> environment)
    {
        var value = environment(variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }

        foreach (var path in TokenFiles(environment))
        {
            try
            {
                if (File.Exists(path))
                {
                    var text = File.ReadAllText(path).Trim();
                    if (text.Length > 0)
                    {
                        return text;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // An unreadable token file is the same as none: public repos still download.
            }
        }

        return null;
    }

    private static IEnumerable<string> TokenFiles(Func<string, string?> environment)
    {
        if (environment("HF_TOKEN_PATH") is { Length: > 0 } explicitPath)
        {
            yield return explicitPath;
            yield break;
        }

        if (environment("HF_HOME") is { Length: > 0 } hfHome)
        {
            yield return Path.Combine(hfHome, "token");
            yield break;
        }

        if (environment("XDG_CACHE_HOME") is { Length: > 0 } cache)
        {
            yield return Path.Combine(cache, "huggingface", "token");
        }
        else if (environment("HOME") is { Length: > 0 } home)
        {
            yield return Path.Combine(home, ".cache", "huggingface", "token");
        }
    }
}
