namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// Reads a checkout's HEAD commit id straight from <c>.git</c> (HEAD, the loose ref file, then <c>packed-refs</c>), so a
/// report can say which upstream state it describes without needing git installed. Worktrees and submodules, whose
/// <c>.git</c> is a file pointing elsewhere, are followed. Anything unexpected gives null, never an error.
/// </summary>
public static class GitCommit
{
    public static string? Read(string checkoutRoot)
    {
        ArgumentNullException.ThrowIfNull(checkoutRoot);
        try
        {
            var gitDirectory = GitDirectory(checkoutRoot);
            if (gitDirectory is null)
            {
                return null;
            }

            var head = File.ReadAllText(Path.Combine(gitDirectory, "HEAD")).Trim();
            if (!head.StartsWith("ref:", StringComparison.Ordinal))
            {
                return IsCommitId(head) ? head : null; // detached HEAD
            }

            var reference = head["ref:".Length..].Trim();
            return ResolveReference(gitDirectory, reference) ?? ResolveReference(CommonDirectory(gitDirectory), reference);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static string? GitDirectory(string checkoutRoot)
    {
        var dotGit = Path.Combine(checkoutRoot, ".git");
        if (Directory.Exists(dotGit))
        {
            return dotGit;
        }

        if (!File.Exists(dotGit))
        {
            return null;
        }

        var pointer = File.ReadAllText(dotGit).Trim();
        return pointer.StartsWith("gitdir:", StringComparison.Ordinal)
            ? Path.GetFullPath(Path.Combine(checkoutRoot, pointer["gitdir:".Length..].Trim()))
            : null;
    }

    /// <summary>A worktree's own git dir names the shared one (with the branches) in <c>commondir</c>.</summary>
    private static string CommonDirectory(string gitDirectory)
    {
        var file = Path.Combine(gitDirectory, "commondir");
        return File.Exists(file) ? Path.GetFullPath(Path.Combine(gitDirectory, File.ReadAllText(file).Trim())) : gitDirectory;
    }

    private static string? ResolveReference(string gitDirectory, string reference)
    {
        var loose = Path.Combine(gitDirectory, reference.Replace('/', Path.DirectorySeparatorChar));
        if (File.Exists(loose))
        {
            var id = File.ReadAllText(loose).Trim();
            return IsCommitId(id) ? id : null;
        }

        var packed = Path.Combine(gitDirectory, "packed-refs");
        if (!File.Exists(packed))
        {
            return null;
        }

        // Lines are "<id> <ref>"; '#' starts the header, '^' a peeled tag id.
        return File.ReadLines(packed)
            .Select(line => line.Split(' ', 2))
            .Where(parts => parts.Length == 2 && parts[1].Trim() == reference && IsCommitId(parts[0]))
            .Select(parts => parts[0])
            .FirstOrDefault();
    }

    private static bool IsCommitId(string text) => text.Length is 40 or 64 && text.All(Uri.IsHexDigit);
}
