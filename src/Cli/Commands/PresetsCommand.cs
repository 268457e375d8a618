using System.Globalization;
using SglangCi.Cli.Output;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Presets;
using Spectre.Console;

namespace SglangCi.Cli.Commands;

/// <summary><c>presets</c>: every registered model preset at its current version.</summary>
public sealed class PresetsCommand : ClusterCommand<ClusterSettings>
{
    protected override async Task<int> ExecuteAsync(IGrainFactory grains, ClusterSettings settings, CancellationToken cancellationToken)
    {
        var names = await CatalogNamesAsync(grains, CatalogKind.Preset);
        var presets = (await Task.WhenAll(names.Select(name => grains.GetGrain<IModelPresetGrain>(name).Get())))
            .OfType<ModelPreset>()
            .ToList();
        Print(settings, presets.Select(PresetJson.From).ToList(), () => Render(presets));
        return ExitCodes.Success;
    }

    private static void Render(IReadOnlyList<ModelPreset> presets)
    {
        if (presets.Count == 0)
        {
            Consoles.Out.MarkupLine("[grey]no presets registered[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("preset").NoWrap())
            .AddColumns("version", "model", "variant", "GPUs", "GSM8K ≥", "load", "points");
        foreach (var preset in presets)
        {
            var plan = PresetJson.DefaultPlan(preset);
            table.AddRow(Markup.Escape(preset.Name), $"v{preset.Version}", Markup.Escape(preset.Model), Markup.Escape(preset.Variant),
                preset.GpuCount.ToString(CultureInfo.InvariantCulture), Display.Percent(preset.Gsm8k.Threshold),
                plan is null ? Display.None : WireFormat.Lower(plan.LoadKind),
                plan is null ? Display.None : string.Join(",", plan.Points.Select(p => Display.Number(p.Load))));
        }

        Consoles.Out.Write(table);
    }
}
