using SglangCi.Toolkit.History;

namespace SglangCi.Toolkit.Upstream.PrImages;

/// <summary>
/// The git remote a PR image is fetched from (a URL such as <c>https://github.com/sgl-project/sglang.git</c>, a
/// <c>file://</c> URL or a path), checked so it cannot act as a git option or break the script's line, and shown with any
/// <c>user:token@</c> hidden: a remote can carry credentials, and nothing recorded (logs, checks, labels) may.
/// </summary>
public sealed record GitRemote
{
    /// <summary>SGLang's own repository: the remote when neither the run nor the silo names one.</summary>
    public const string SglangUpstream = "https://github.com/sgl-project/sglang.git";

    private GitRemote(string url) => Url = url;

    /// <summary>The remote as git is given it (credentials included: only ever put into the script, quoted).</summary>
    public string Url { get; }

    /// <summary>The remote with the user information of a URL replaced by <c>&lt;redacted&gt;</c>: safe to log, store and show.</summary>
    public string Redacted => Redact(Url);

    /// <summary>True when the URL carries user information (<c>user:token@host</c>).</summary>
    public bool HasCredentials => Redacted != Url;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad value (redacted) for an empty remote, one that starts
    /// with <c>-</c> (git would read it as an option) or one that holds a control character (a line break ends the
    /// script's command).</summary>
    public static GitRemote Parse(string? url)
    {
        var text = url?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new ArgumentException("git remote is empty; give a URL such as " + SglangUpstream);
        }

        if (text.StartsWith('-'))
        {
            throw new ArgumentException($"git remote '{Redact(text)}' starts with '-', which git would read as an option");
        }

        if (text.Any(char.IsControl))
        {
            throw new ArgumentException($"git remote '{Redact(PrintableText.Of(text))}' holds a control character (a line break or tab)");
        }

        return new GitRemote(text);
    }

    /// <summary>Hides the user information (<c>user:token@</c>) of every URL in <paramref name="text"/> (a URL alone, or
    /// git's error line that names one), and any other secret the run logs' redactor knows.</summary>
    public static string Redact(string? text) => SecretRedactor.Redact(text);

    public override string ToString() => Redacted;
}
