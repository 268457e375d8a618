using SglangCi.Cli.Output;
using SglangCi.Toolkit.Images;
using Spectre.Console;

namespace SglangCi.Cli.Commands.Images;

/// <summary>
/// A status line on stderr ("reading tags page 3 …") while the registry is paged, because an unlucky listing takes
/// tens of seconds. Only on a terminal and never with --json: logs and parsed output stay free of spinner frames.
/// </summary>
internal static class RegistryProgress
{
    public static async Task<T> RunAsync<T>(bool json, string what, Func<IProgress<TagPageProgress>?, Task<T>> run)
    {
        if (json || Console.IsErrorRedirected)
        {
            return await run(null);
        }

        return await Consoles.CreateError().Status().StartAsync(Markup.Escape(what), async context =>
            await run(new StatusUpdates(page => context.Status(Markup.Escape($"{what}: tags page {page.Page}, {page.TagsSeen} tags seen")))));
    }

    /// <summary>Updates the line as each page arrives; <see cref="Progress{T}"/> would post late, after the line is gone.</summary>
    private sealed class StatusUpdates(Action<TagPageProgress> update) : IProgress<TagPageProgress>
    {
        public void Report(TagPageProgress value) => update(value);
    }
}
