namespace SglangCi.Toolkit.Upstream.PrImages;

/// <summary>
/// The POSIX <c>sh</c> scripts a PR image run executes in the base image, in two steps so the image can be committed with
/// both of its tags at once (the commit's tag is only known once the remote said which commit the ref is at):
/// <list type="number">
/// <item><see cref="Resolve"/>: in a throw-away container, checks the checkout and git are there, prints the checkout's
/// commit and asks the remote (<c>git ls-remote</c>, no download) which commit the PR's head or the branch is at.</item>
/// <item><see cref="Update"/>: in the container that becomes the image, fetches that ref (<c>--depth=1</c>: the image
/// needs the tree, not the history), refuses it when it moved since the resolve, checks it out over the old code
/// (<c>--force</c>: a base image's leftovers in tracked files must not block it; untracked files such as build
/// outputs stay) and lists the files that differ from the base commit (<c>--no-renames</c>: a file moved out of
/// <c>sgl-kernel/</c> is a change there too, both of its paths listed).</item>
/// </list>
/// Both find the checkout through <see cref="CheckoutVariable"/>, so the same script runs in a Docker image (the in-image
/// path) and on a simulated node (a copy of the image's checkout on the host). Every fact is a
/// <see cref="PrImageMarker"/> line; a failure prints git's own error and a <c>failed</c> marker, then exits 1. Values
/// (remote, ref, commit) are validated before and single-quoted in the script.
/// </summary>
public static class PrImageScript
{
    /// <summary>The environment variable that names the SGLang checkout the scripts work in.</summary>
    public const string CheckoutVariable = "SGLCI_SGLANG_CHECKOUT";

    /// <summary>Where SGLang's images keep the checkout (installed in editable mode from its <c>python</c> folder).</summary>
    public const string DefaultCheckout = "/sgl-workspace/sglang";

    /// <summary>Commits fetched: the PR's head only; the base commit is already in the image, so the diff works.</summary>
    public const int FetchDepth = 1;

    /// <summary>Step 1: the checkout's commit and the remote's commit for <paramref name="source"/>.</summary>
    public static IReadOnlyList<string> Resolve(GitRemote remote, PrImageSource source)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(source);
        var script = $$"""
            {{Prelude}}
            if remote_line=$(git ls-remote --exit-code {{ShellQuote.Single(remote.Url)}} {{ShellQuote.Single(source.RemoteRef)}}); then
              set -- $remote_line
              mark {{PrImageMarker.RemoteSha}} "$1"
            else
              status=$?
              if [ "$status" -eq 2 ]; then
                echo "error: the remote has no {{source.RemoteRef}} ({{source.Description}} does not exist there)" >&2
                fail {{PrImageFailureKind.NoSuchRef.WireName()}}
              fi
              fail {{PrImageFailureKind.Unreachable.WireName()}}
            fi
            """;
        return Shell(script);
    }

    /// <summary>Step 2: the checkout moved to <paramref name="expectedSha"/> (the commit <see cref="Resolve"/> found).</summary>
    public static IReadOnlyList<string> Update(GitRemote remote, PrImageSource source, string expectedSha)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(source);
        if (!PrImageTags.IsCommitId(expectedSha))
        {
            throw new ArgumentException($"'{expectedSha}' is not a git commit id (40 or 64 hex digits)", nameof(expectedSha));
        }

        var script = $$"""
            {{Prelude}}
            git fetch --no-tags --depth={{FetchDepth}} {{ShellQuote.Single(remote.Url)}} {{ShellQuote.Single(source.RemoteRef)}} || fail {{PrImageFailureKind.FetchFailed.WireName()}}
            new=$(git rev-parse --verify 'FETCH_HEAD^{commit}') || fail {{PrImageFailureKind.FetchFailed.WireName()}}
            if [ "$new" != '{{expectedSha}}' ]; then
              echo "error: {{source.RemoteRef}} moved from {{expectedSha}} to $new while the image was built; run it again" >&2
              mark {{PrImageMarker.RemoteSha}} "$new"
              fail {{PrImageFailureKind.Moved.WireName()}}
            fi
            git -c advice.detachedHead=false checkout --force --detach "$new" || fail {{PrImageFailureKind.CheckoutFailed.WireName()}}
            mark {{PrImageMarker.NewSha}} "$(git rev-parse HEAD)"
            if changed=$(git -c core.quotepath=false diff --name-only --no-renames "$base" "$new"); then
              printf '%s\n' "$changed" | while IFS= read -r file; do
                if [ -n "$file" ]; then mark {{PrImageMarker.Changed}} "$file"; fi
              done
            else
              mark {{PrImageMarker.DiffUnknown}} ""
            fi
            """;
        return Shell(script);
    }

    /// <summary>Strict mode, no prompts, the marker helpers, and the checks every step starts with (checkout, git, base commit).</summary>
    private static string Prelude => $$"""
        set -eu
        export GIT_TERMINAL_PROMPT=0
        mark() { printf '{{PrImageMarker.Prefix}}%s %s\n' "$1" "$2"; }
        fail() { mark {{PrImageMarker.Failed}} "$1"; exit 1; }
        checkout="${{{CheckoutVariable}}:-}"
        if [ -z "$checkout" ] || [ ! -d "$checkout" ]; then
          echo "error: no SGLang checkout at '$checkout' ({{CheckoutVariable}})" >&2
          fail {{PrImageFailureKind.NoCheckout.WireName()}}
        fi
        cd "$checkout"
        mark {{PrImageMarker.Checkout}} "$checkout"
        if ! command -v git >/dev/null 2>&1; then
          echo "error: git is not installed in the image" >&2
          fail {{PrImageFailureKind.NoGit.WireName()}}
        fi
        base=$(git rev-parse --verify 'HEAD^{commit}') || fail {{PrImageFailureKind.NotARepository.WireName()}}
        mark {{PrImageMarker.BaseSha}} "$base"
        """;

    private static IReadOnlyList<string> Shell(string script) => ["sh", "-c", script.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n"];
}
