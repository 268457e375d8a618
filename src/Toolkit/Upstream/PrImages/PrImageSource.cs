using System.Globalization;
using System.Text;

namespace SglangCi.Toolkit.Upstream.PrImages;

/// <summary>
/// What a PR image is built from: a pull request's head (<c>refs/pull/N/head</c>, which GitHub keeps for every PR, open
/// or merged) or a branch (<c>refs/heads/NAME</c>). Made only through <see cref="ForPullRequest"/>, <see cref="ForBranch"/>
/// or <see cref="From"/>, which refuse what could break the script or git, so the ref can go into a script (quoted).
/// </summary>
public sealed record PrImageSource
{
    private const int MaxBranchLength = 200;

    private PrImageSource(int? pullRequest, string? branch)
    {
        PullRequest = pullRequest;
        Branch = branch;
    }

    public int? PullRequest { get; }

    public string? Branch { get; }

    /// <summary>The ref fetched from the remote: <c>refs/pull/7/head</c> or <c>refs/heads/main</c>.</summary>
    public string RemoteRef => PullRequest is { } number
        ? $"refs/pull/{number.ToString(CultureInfo.InvariantCulture)}/head"
        : $"refs/heads/{Branch}";

    /// <summary>"PR #7" or "branch main", for checks and reasons.</summary>
    public string Description => PullRequest is { } number ? $"PR #{number.ToString(CultureInfo.InvariantCulture)}" : $"branch {Branch}";

    /// <summary>The tag the image gets without its commit: <c>sglang-pr7</c>, <c>sglang-branch-release-v0.5</c>.</summary>
    public string TagStem => PullRequest is { } number
        ? $"sglang-pr{number.ToString(CultureInfo.InvariantCulture)}"
        : $"sglang-branch-{Sanitised(Branch!)}";

    /// <summary>A pull request; throws <see cref="ArgumentException"/> for a number that is not positive.</summary>
    public static PrImageSource ForPullRequest(int number) =>
        number > 0 ? new PrImageSource(number, null) : throw new ArgumentException($"pull request number must be positive; got {number}");

    /// <summary>
    /// A branch; throws <see cref="ArgumentException"/> naming the branch when it is empty, starts with <c>-</c> (an
    /// option to git), holds <c>..</c>, <c>@{</c>, a space, a quote, a control character or one of <c>; &amp; | $ ` \ ~ ^ : ? * [</c>
    /// (git refuses most of them in ref names; the rest mean something to the shell), or starts or ends with <c>/</c> or <c>.</c>.
    /// </summary>
    public static PrImageSource ForBranch(string? branch)
    {
        var name = branch ?? "";
        var problem = BranchProblem(name);
        return problem is null ? new PrImageSource(null, name) : throw new ArgumentException($"branch '{PrintableText.Of(name)}' {problem}");
    }

    /// <summary>Exactly one of a pull request and a branch, as run options give them.</summary>
    public static PrImageSource From(int? pullRequest, string? branch) => (pullRequest, branch) switch
    {
        (not null, not null) => throw new ArgumentException($"give a pull request or a branch, not both (PR {pullRequest}, branch '{PrintableText.Of(branch)}')"),
        ({ } number, null) => ForPullRequest(number),
        (null, not null) => ForBranch(branch),
        _ => throw new ArgumentException("a PR image needs a pull request number or a branch"),
    };

    private static string? BranchProblem(string name)
    {
        if (name.Length == 0)
        {
            return "is empty";
        }

        if (name.Length > MaxBranchLength)
        {
            return $"is longer than {MaxBranchLength} characters";
        }

        if (name.StartsWith('-'))
        {
            return "starts with '-', which git would read as an option";
        }

        if (name.Contains("..", StringComparison.Ordinal) || name.Contains("@{", StringComparison.Ordinal) || name.Contains("//", StringComparison.Ordinal))
        {
            return "holds '..', '@{' or '//', which git refuses in a branch name";
        }

        if (name.StartsWith('/') || name.EndsWith('/') || name.StartsWith('.') || name.EndsWith('.') || name.EndsWith(".lock", StringComparison.Ordinal))
        {
            return "starts or ends with '/' or '.' (or ends with '.lock'), which git refuses in a branch name";
        }

        var bad = name.FirstOrDefault(c => char.IsControl(c) || char.IsWhiteSpace(c) || "'\";&|$`\\~^:?*[<>(){}!#".Contains(c, StringComparison.Ordinal));
        return bad == default ? null : $"holds '{PrintableText.Of(bad.ToString())}', which could break the shell or git; branch names are letters, digits and - _ . /";
    }

    /// <summary>Lower case, every run of characters a Docker repository name cannot hold as one <c>-</c>.</summary>
    private static string Sanitised(string branch)
    {
        var text = new StringBuilder(branch.Length);
        foreach (var c in branch.ToLowerInvariant())
        {
            var keep = c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
            if (keep)
            {
                text.Append(c);
            }
            else if (text.Length > 0 && text[^1] != '-')
            {
                text.Append('-');
            }
        }

        var result = text.ToString().Trim('-');
        return result.Length == 0 ? "unnamed" : result[..Math.Min(result.Length, 100)].TrimEnd('-');
    }
}
