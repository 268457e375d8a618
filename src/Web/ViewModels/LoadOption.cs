using SglangCi.Interfaces.Presets;

namespace SglangCi.Web.ViewModels;

/// <summary>A load point a trend can show, with how many nights (over the hosts shown) it has.</summary>
public sealed record LoadOption(LoadKind LoadKind, double Load, int Nights)
{
    public string Label => $"{Formats.Load(LoadKind, Load)} ({Nights} night{(Nights == 1 ? "" : "s")})";
}
