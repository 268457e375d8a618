using SglangCi.Interfaces.Hardware;

namespace SglangCi.Web.ViewModels.Hardware;

/// <summary>One day of one hardware kind's pass-rate line; the summary rides along for the tooltip.</summary>
public sealed record PassRatePoint(DateTime Day, double Percent, HardwareDaySummary Summary);
