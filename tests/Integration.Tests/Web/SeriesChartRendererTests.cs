using System.Buffers.Binary;
using SglangCi.Web.Charts;
using SkiaSharp;

namespace SglangCi.Integration.Tests.Web;

/// <summary>The series chart as a picture: a real 800×360 PNG, with the line, the band and the ring where they belong.</summary>
public sealed class SeriesChartRendererTests
{
    private static readonly DateOnly First = new(2025, 11, 1);
    private static readonly DateOnly Marked = First.AddDays(20);

    [Fact]
    public void The_chart_is_an_800_by_360_png()
    {
        var png = SeriesChartRenderer.Render(Chart(marked: Marked));

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(800, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(360, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((800, 360), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void The_line_is_drawn_and_the_marked_night_is_ringed_in_red()
    {
        using var marked = SKBitmap.Decode(SeriesChartRenderer.Render(Chart(marked: Marked)));
        using var unmarked = SKBitmap.Decode(SeriesChartRenderer.Render(Chart(marked: null)));

        Assert.True(Count(marked, SeriesChartRenderer.LineColor(0)) > 100, "the host's line and points are missing");
        Assert.True(Count(marked, SeriesChartRenderer.MarkColor) > 30, "the marked night has no red ring");
        Assert.Equal(0, Count(unmarked, SeriesChartRenderer.MarkColor));
    }

    [Fact]
    public void Each_host_gets_its_own_colour()
    {
        var chart = Chart(marked: null) with
        {
            Lines = [Line("host-a", 100), Line("host-b", 140)],
            Band = [],
        };
        using var bitmap = SKBitmap.Decode(SeriesChartRenderer.Render(chart));

        Assert.True(Count(bitmap, SeriesChartRenderer.LineColor(0)) > 100);
        Assert.True(Count(bitmap, SeriesChartRenderer.LineColor(1)) > 100);
    }

    [Fact]
    public void A_missing_marked_night_is_a_red_rule_and_a_single_night_still_draws()
    {
        var chart = new SeriesChart("t", "ms", [new SeriesChartLine("host-a", [new SeriesChartPoint(First, 5)])], [], First.AddDays(3));
        using var bitmap = SKBitmap.Decode(SeriesChartRenderer.Render(chart));

        Assert.True(Count(bitmap, SeriesChartRenderer.MarkColor) > 30);
        Assert.True(Count(bitmap, SeriesChartRenderer.LineColor(0)) > 10);
    }

    [Fact]
    public void Labels_are_drawn_where_the_machine_has_a_font()
    {
        // Debian's fontconfig pulls in DejaVu (the CI's chromium brings fontconfig); without any font labels are skipped.
        if (!File.Exists("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
        {
            return;
        }

        Assert.NotNull(ChartTypeface.Labels);
        using var bitmap = SKBitmap.Decode(SeriesChartRenderer.Render(Chart(marked: null)));
        var titleInk = 0;
        for (var x = 0; x < 400; x++)
        {
            for (var y = 8; y < 32; y++)
            {
                titleInk += bitmap.GetPixel(x, y).Red < 100 ? 1 : 0;
            }
        }

        Assert.True(titleInk > 100, $"the title area has {titleInk} dark pixels");
    }

    private static SeriesChart Chart(DateOnly? marked) => new(
        "GROK1 online on mi30x — e2e-median-ms @ concurrency 16",
        "ms",
        [Line("host-a", 100)],
        Enumerable.Range(5, 25).Select(d => new SeriesChartBandPoint(First.AddDays(d), 95, 105)).ToList(),
        marked);

    /// <summary>Thirty nights of noise around <paramref name="level"/>, with a step up on the marked night.</summary>
    private static SeriesChartLine Line(string host, double level) => new(
        host,
        Enumerable.Range(0, 30).Select(d => new SeriesChartPoint(First.AddDays(d), level + (d % 3) + (First.AddDays(d) >= Marked ? 15 : 0))).ToList());

    /// <summary>Pixels close to <paramref name="color"/> (anti-aliased edges are blends, the middle of a stroke is not).</summary>
    private static int Count(SKBitmap bitmap, SKColor color)
    {
        var count = 0;
        foreach (var pixel in bitmap.Pixels)
        {
            if (Math.Abs(pixel.Red - color.Red) <= 12 && Math.Abs(pixel.Green - color.Green) <= 12 && Math.Abs(pixel.Blue - color.Blue) <= 12)
            {
                count++;
            }
        }

        return count;
    }
}
