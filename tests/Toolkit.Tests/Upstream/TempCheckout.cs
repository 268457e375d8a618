using System.Text;

namespace SglangCi.Toolkit.Tests.Upstream;

/// <summary>A throw-away SGLang-like checkout in a temp folder: write files by path relative to its root.</summary>
internal sealed class TempCheckout : IDisposable
{
    public TempCheckout() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "sglci-coverage-" + Guid.NewGuid().ToString("N"));

    public TempCheckout Write(string relativePath, string text) => WriteBytes(relativePath, new UTF8Encoding(false).GetBytes(text));

    public TempCheckout WriteBytes(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return this;
    }

    public TempCheckout WithEraA(string? extra = null) => Write("test/srt/run_suite.py", Fixtures.RunSuite + (extra ?? ""));

    public TempCheckout WithEraB()
    {
        foreach (var (path, text) in Fixtures.RegisteredFiles)
        {
            Write(path, text);
        }

        return this;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
