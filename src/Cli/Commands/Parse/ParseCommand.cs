using System.Text.Json;
using System.Text.Json.Nodes;
using SglangCi.Cli.Output;
using SglangCi.Toolkit.Parsing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Parse;

/// <summary>
/// <c>parse KIND FILE [--json]</c>: reads a captured SGLang / GPU-tool output. Exit 0 with the result, 2 for bad
/// arguments (unknown kind: the known ones are listed; missing file: it is named), 3 when the file holds no result of
/// that kind (the message names file, line and what was expected).
/// </summary>
public sealed class ParseCommand : Command<ParseSettings>
{
    public override int Execute(CommandContext context, ParseSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Run(settings.Kind, settings.File, settings.Json, Console.Out, Console.Error);
    }

    /// <summary>The whole command without Spectre's argument binding, so tests can drive it.</summary>
    public static int Run(string kind, string file, bool json, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!ParserRegistry.Kinds.TryGetValue(kind, out var parse))
        {
            stderr.WriteLine($"error: unknown kind '{kind}'; known kinds: {string.Join(", ", ParserRegistry.Kinds.Keys)}");
            return ExitCodes.BadArguments;
        }

        if (!File.Exists(file))
        {
            stderr.WriteLine($"error: file not found: {file}");
            return ExitCodes.BadArguments;
        }

        ParseOutcome outcome;
        try
        {
            outcome = parse(file);
        }
        catch (OutputParseException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.NoResult;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot read {file}: {e.Message}");
            return ExitCodes.Failure;
        }

        foreach (var warning in outcome.Warnings)
        {
            stderr.WriteLine($"warning: {warning}");
        }

        if (json)
        {
            stdout.WriteLine(outcome.Json.ToJsonString(JsonOutput.Options));
        }
        else
        {
            ParsedTables.Render(Consoles.Out, kind, outcome.Json);
        }

        return ExitCodes.Success;
    }
}

/// <summary>Human output for any parser's JSON: scalars in a field/value table, each array of objects as its own table.</summary>
internal static class ParsedTables
{
    public static void Render(IAnsiConsole console, string kind, JsonNode json)
    {
        if (json is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is { } item)
                {
                    RenderNode(console, $"{kind} #{i + 1}", item);
                }
            }

            return;
        }

        RenderNode(console, kind, json);
    }

    private static void RenderNode(IAnsiConsole console, string title, JsonNode node)
    {
        if (node is not JsonObject obj)
        {
            console.WriteLine(node.ToJsonString());
            return;
        }

        var scalars = new List<(string Field, string Value)>();
        var tables = new List<(string Name, JsonArray Items)>();
        Flatten(obj, "", scalars, tables);
        if (scalars.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title)).AddColumn("field").AddColumn(new TableColumn("value").RightAligned());
            foreach (var (field, value) in scalars)
            {
                table.AddRow(Markup.Escape(field), value);
            }

            console.Write(table);
        }

        foreach (var (name, items) in tables)
        {
            var rows = items.OfType<JsonObject>().Select(item =>
            {
                var cells = new List<(string Field, string Value)>();
                Flatten(item, "", cells, []);
                return cells;
            }).ToList();
            var columns = rows.SelectMany(r => r.Select(c => c.Field)).Distinct().ToList();
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(scalars.Count > 0 ? name : $"{title}: {name}"));
            foreach (var column in columns)
            {
                table.AddColumn(new TableColumn(Markup.Escape(column)));
            }

            foreach (var row in rows)
            {
                var lookup = row.ToDictionary(c => c.Field, c => c.Value);
                table.AddRow(columns.Select(c => lookup.GetValueOrDefault(c, Display.None)).ToArray());
            }

            if (rows.Count == 0)
            {
                console.MarkupLine($"[grey]{Markup.Escape(name)}: none[/]");
                continue;
            }

            console.Write(table);
        }
    }

    private static void Flatten(JsonObject obj, string prefix, List<(string, string)> scalars, List<(string, JsonArray)> tables)
    {
        foreach (var (key, value) in obj)
        {
            var name = prefix.Length == 0 ? key : $"{prefix}.{key}";
            switch (value)
            {
                case JsonObject nested:
                    Flatten(nested, name, scalars, tables);
                    break;
                case JsonArray { Count: 0 }:
                    break; // nothing to show
                case JsonArray items when items.Any(i => i is JsonObject):
                    tables.Add((name, items));
                    break;
                case JsonArray items:
                    scalars.Add((name, Markup.Escape(string.Join(", ", items.Select(i => i?.ToJsonString() ?? "null")))));
                    break;
                case null:
                    break; // absent from the output: shown as null in --json, left out of the table
                default:
                    scalars.Add((name, Markup.Escape(value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString())));
                    break;
            }
        }
    }
}
