using System.Diagnostics;

namespace SglangCi.Toolkit.Tests.Upstream.PrImages;

/// <summary>
/// Real git repositories in a temp folder, standing for SGLang's GitHub: a bare <see cref="Upstream"/> with <c>main</c> and
/// pull request heads pushed to <c>refs/pull/N/head</c> (as GitHub keeps them), and clones of <c>main</c> standing for an
/// image's checkout. Its path holds a space and a quote, so every script under test must quote what it is given.
/// </summary>
public sealed class GitSandbox : IDisposable
{
    public GitSandbox()
    {
        Root = Path.Combine(Path.GetTempPath(), "sglci-primage-" + Guid.NewGuid().ToString("N")[..8], "it's a sandbox");
        Upstream = Path.Combine(Root, "upstream.git");
        Directory.CreateDirectory(Root);
        Git(Root, "init", "--quiet", "--bare", "--initial-branch=main", Upstream);

        var work = Path.Combine(Root, "work");
        Git(Root, "clone", "--quiet", Upstream, work);
        Write(work, "python/sglang/srt/server.py", "print('main')\n");
        Write(work, "python/pyproject.toml", "[project]\nname = \"sglang\"\n");
        Write(work, KernelFile, "// a kernel of main, long enough that git sees a move of it as a rename\n" + string.Concat(Enumerable.Repeat("// line\n", 20)));
        MainSha = Commit(work, "main");
        Git(work, "push", "--quiet", "origin", "HEAD:refs/heads/main");
        Work = work;
    }

    /// <summary>A file of main under <c>sgl-kernel/</c>, for pull requests that move it.</summary>
    public const string KernelFile = "sgl-kernel/csrc/kernel.cu";

    public string Root { get; }

    /// <summary>The bare "GitHub" repository.</summary>
    public string Upstream { get; }

    public string MainSha { get; }

    private string Work { get; }

    /// <summary>Pushes a commit on top of main that writes <paramref name="files"/> as <c>refs/pull/N/head</c>; returns its sha.</summary>
    public string PushPullRequest(int number, params (string Path, string Text)[] files) => Push($"refs/pull/{number}/head", files);

    /// <summary>Pushes a commit on top of main that moves <paramref name="from"/> to <paramref name="to"/> unchanged (a rename to git).</summary>
    public string PushPullRequestMoving(int number, string from, string to)
    {
        Git(Work, "checkout", "--quiet", "--detach", MainSha);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Work, to))!);
        Git(Work, "mv", from, to);
        var sha = Commit(Work, $"refs/pull/{number}/head");
        Git(Work, "push", "--quiet", "--force", "origin", $"HEAD:refs/pull/{number}/head");
        return sha;
    }

    public string PushBranch(string branch, params (string Path, string Text)[] files) => Push($"refs/heads/{branch}", files);

    /// <summary>A fresh clone of main: the SGLang checkout of a base image.</summary>
    public string NewCheckout(string name = "checkout")
    {
        var path = Path.Combine(Root, name);
        Git(Root, "clone", "--quiet", Upstream, path);
        return path;
    }

    public static string Git(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", "user.name=sglci-test", "-c", "user.email=test@sglci.invalid", "-c", "commit.gpgsign=false" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Result.Trim() : throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error}");
    }

    /// <summary>Runs <paramref name="command"/> with /bin/sh as the runtimes do, the checkout named by the variable; returns exit code and stdout+stderr.</summary>
    public static (int ExitCode, string Output) RunScript(IReadOnlyList<string> command, string? checkout)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", "exec \"$@\" 2>&1", "sh" }.Concat(command))
        {
            start.ArgumentList.Add(arg);
        }

        if (checkout is not null)
        {
            start.Environment[Toolkit.Upstream.PrImages.PrImageScript.CheckoutVariable] = checkout;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private string Push(string reference, (string Path, string Text)[] files)
    {
        Git(Work, "checkout", "--quiet", "--detach", MainSha);
        foreach (var (path, text) in files)
        {
            Write(Work, path, text);
        }

        var sha = Commit(Work, reference);
        Git(Work, "push", "--quiet", "--force", "origin", $"HEAD:{reference}");
        return sha;
    }

    private static void Write(string repository, string path, string text)
    {
        var full = Path.Combine(repository, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private static string Commit(string repository, string message)
    {
        Git(repository, "add", "--all");
        Git(repository, "commit", "--quiet", "--allow-empty", "-m", message);
        return Git(repository, "rev-parse", "HEAD");
    }
}
