using SglangCi.Toolkit.Upstream.PrImages;

namespace SglangCi.Silo.Upstream;

/// <summary>
/// Where the silo reaches SGLang's source (<c>SglangCi:Upstream</c>). Only read when a run fetches from it: nothing is
/// fetched at start-up or at build time.
/// </summary>
public sealed class UpstreamOptions
{
    public const string SectionName = "SglangCi:Upstream";

    /// <summary>The git remote PR image runs fetch from unless a run names its own (<c>--remote</c>). May carry credentials
    /// for a private fork (<c>https://user:token@…</c>): they are hidden in everything recorded.</summary>
    public string GitRemote { get; set; } = Toolkit.Upstream.PrImages.GitRemote.SglangUpstream;
}
