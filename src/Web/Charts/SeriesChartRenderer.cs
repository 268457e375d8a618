using System.Globalization;
using SkiaSharp;

namespace SglangCi.Web.Charts;

/// <summary>
/// Draws a <see cref="SeriesChart"/> as an 800×360 PNG: white background (chat clients show images on light and dark
/// themes alike), the normal band, one coloured line with points per host, a red ring on the marked night, value and
/// date axes and a title. Pure (no I/O but the one-time font lookup), so it is tested without a server.
/// </summary>
public static class SeriesChartRenderer
{
    public const int Width = 800;
    public const int Height = 360;

    private const float Left = 76;
    // Room for half of a date label centred on the last night.
    private const float Right = Width - 40;
    private const float Top = 44;
    private const float Bottom = Height - 58;
    private const float PointRadius = 3.5f;
    private const float RingRadius = 9;
    private const int MaxDateLabels = 7;

    /// <summary>Red is kept for the marked night; hosts get the other colours of a colour-blind-safe palette.</summary>
    public static readonly SKColor MarkColor = new(0xD6, 0x27, 0x28);

    private static readonly SKColor[] LineColors =
    [
        new(0x1F, 0x77, 0xB4),
        new(0xFF, 0x7F, 0x0E),
        new(0x2C, 0xA0, 0x2C),
        new(0x94, 0x67, 0xBD),
        new(0x8C, 0x56, 0x4B),
    ];

    private static readonly SKColor Background = SKColors.White;
    private static readonly SKColor AxisColor = new(0x55, 0x55, 0x55);
    private static readonly SKColor GridColor = new(0xE6, 0xE6, 0xE6);
    private static readonly SKColor BandColor = new(0x1F, 0x77, 0xB4, 0x26);
    private static readonly SKColor TextColor = new(0x22, 0x22, 0x22);

    /// <summary>The line colour of the <paramref name="index"/>th host (tests look for it in the picture).</summary>
    public static SKColor LineColor(int index) => LineColors[index % LineColors.Length];

    public static byte[] Render(SeriesChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        using var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(Background);
            Draw(canvas, chart, ChartTypeface.Labels);
        }

        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void Draw(SKCanvas canvas, SeriesChart chart, SKTypeface? typeface)
    {
        var nights = chart.Lines.SelectMany(l => l.Points.Select(p => p.Night))
            .Concat(chart.Band.Select(b => b.Night))
            .Concat(chart.MarkedNight is { } marked ? [marked] : [])
            .ToList();
        var values = chart.Lines.SelectMany(l => l.Points.Select(p => p.Value))
            .Concat(chart.Band.SelectMany(b => new[] { b.Low, b.High }))
            .ToList();
        var first = nights.Count == 0 ? DateOnly.MinValue : nights.Min();
        var last = nights.Count == 0 ? DateOnly.MinValue : nights.Max();
        var axis = ValueAxis.Covering(values);
        float X(DateOnly night) => last == first
            ? (Left + Right) / 2
            : Left + ((float)(night.DayNumber - first.DayNumber) / (last.DayNumber - first.DayNumber) * (Right - Left));
        float Y(double value) => axis.ToPixel(value, Top, Bottom);

        using var font = typeface is null ? null : new SKFont(typeface, 12);
        using var titleFont = typeface is null ? null : new SKFont(typeface, 15) { Embolden = true };
        DrawValueAxis(canvas, axis, Y, chart.Unit, font);
        DrawDateAxis(canvas, first, last, X, font);
        DrawBand(canvas, chart.Band, X, Y);
        for (var i = 0; i < chart.Lines.Count; i++)
        {
            DrawLine(canvas, chart.Lines[i], LineColor(i), X, Y);
        }

        if (chart.MarkedNight is { } night)
        {
            DrawMark(canvas, chart, night, X, Y);
        }

        if (titleFont is not null && font is not null)
        {
            DrawText(canvas, Fit(chart.Title, titleFont, Width - 24), 12, 26, SKTextAlign.Left, titleFont, TextColor);
            DrawLegend(canvas, chart.Lines, font);
        }
    }

    private static void DrawValueAxis(SKCanvas canvas, ValueAxis axis, Func<double, float> y, string unit, SKFont? font)
    {
        using var grid = Stroke(GridColor, 1);
        using var line = Stroke(AxisColor, 1);
        foreach (var tick in axis.Ticks())
        {
            var row = y(tick);
            canvas.DrawLine(Left, row, Right, row, grid);
            if (font is not null)
            {
                DrawText(canvas, axis.Format(tick), Left - 6, row + 4, SKTextAlign.Right, font, AxisColor);
            }
        }

        canvas.DrawLine(Left, Top, Left, Bottom, line);
        if (font is not null)
        {
            // The unit reads along the axis, as on a paper chart.
            canvas.Save();
            canvas.RotateDegrees(-90, 14, (Top + Bottom) / 2);
            DrawText(canvas, unit, 14, ((Top + Bottom) / 2) + 4, SKTextAlign.Center, font, AxisColor);
            canvas.Restore();
        }
    }

    private static void DrawDateAxis(SKCanvas canvas, DateOnly first, DateOnly last, Func<DateOnly, float> x, SKFont? font)
    {
        using var line = Stroke(AxisColor, 1);
        canvas.DrawLine(Left, Bottom, Right, Bottom, line);
        var days = last.DayNumber - first.DayNumber;
        var step = Math.Max(1, (int)Math.Ceiling((days + 1) / (double)MaxDateLabels));
        for (var night = first; night <= last; night = night.AddDays(step))
        {
            var column = x(night);
            canvas.DrawLine(column, Bottom, column, Bottom + 4, line);
            if (font is not null)
            {
                DrawText(canvas, night.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), column, Bottom + 18, SKTextAlign.Center, font, AxisColor);
            }
        }
    }

    /// <summary>The band as one filled polygon through the nights that have one (upper edge forward, lower edge back).</summary>
    private static void DrawBand(SKCanvas canvas, IReadOnlyList<SeriesChartBandPoint> band, Func<DateOnly, float> x, Func<double, float> y)
    {
        if (band.Count == 0)
        {
            return;
        }

        using var fill = new SKPaint { Color = BandColor, Style = SKPaintStyle.Fill, IsAntialias = true };
        using var path = new SKPath();
        var ordered = band.OrderBy(b => b.Night).ToList();
        path.MoveTo(x(ordered[0].Night), y(ordered[0].High));
        foreach (var point in ordered.Skip(1))
        {
            path.LineTo(x(point.Night), y(point.High));
        }

        foreach (var point in Enumerable.Reverse(ordered))
        {
            path.LineTo(x(point.Night), y(point.Low));
        }

        path.Close();
        canvas.DrawPath(path, fill);
    }

    private static void DrawLine(SKCanvas canvas, SeriesChartLine line, SKColor color, Func<DateOnly, float> x, Func<double, float> y)
    {
        if (line.Points.Count == 0)
        {
            return;
        }

        using var stroke = Stroke(color, 2);
        using var dot = new SKPaint { Color = color, Style = SKPaintStyle.Fill, IsAntialias = true };
        using var path = new SKPath();
        path.MoveTo(x(line.Points[0].Night), y(line.Points[0].Value));
        foreach (var point in line.Points.Skip(1))
        {
            path.LineTo(x(point.Night), y(point.Value));
        }

        canvas.DrawPath(path, stroke);
        foreach (var point in line.Points)
        {
            canvas.DrawCircle(x(point.Night), y(point.Value), PointRadius, dot);
        }
    }

    /// <summary>A ring around each host's value on the night, or a dashed rule where no host has one (a missing night).</summary>
    private static void DrawMark(SKCanvas canvas, SeriesChart chart, DateOnly night, Func<DateOnly, float> x, Func<double, float> y)
    {
        using var ring = Stroke(MarkColor, 3);
        var points = chart.Lines.SelectMany(l => l.Points).Where(p => p.Night == night).ToList();
        foreach (var point in points)
        {
            canvas.DrawCircle(x(point.Night), y(point.Value), RingRadius, ring);
        }

        if (points.Count == 0)
        {
            using var rule = Stroke(MarkColor, 2);
            rule.PathEffect = SKPathEffect.CreateDash([6, 4], 0);
            canvas.DrawLine(x(night), Top, x(night), Bottom, rule);
        }
    }

    /// <summary>Host names under the date labels, when there is more than one line to tell apart.</summary>
    private static void DrawLegend(SKCanvas canvas, IReadOnlyList<SeriesChartLine> lines, SKFont font)
    {
        if (lines.Count < 2)
        {
            return;
        }

        var column = Left;
        var row = Height - 14f;
        for (var i = 0; i < lines.Count && column < Right; i++)
        {
            using var swatch = new SKPaint { Color = LineColor(i), Style = SKPaintStyle.Fill, IsAntialias = true };
            canvas.DrawRect(column, row - 9, 14, 4, swatch);
            var name = Fit(lines[i].Name, font, 160);
            DrawText(canvas, name, column + 18, row - 3, SKTextAlign.Left, font, TextColor);
            column += 18 + font.MeasureText(name) + 18;
        }
    }

    private static void DrawText(SKCanvas canvas, string text, float x, float y, SKTextAlign align, SKFont font, SKColor color)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawText(text, x, y, align, font, paint);
    }

    /// <summary>The text cut to <paramref name="width"/> pixels with an ellipsis: a long model name must not run off the image.</summary>
    private static string Fit(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }

        var cut = text.Length;
        while (cut > 1 && font.MeasureText(text[..cut] + "…") > width)
        {
            cut--;
        }

        return text[..cut] + "…";
    }

    private static SKPaint Stroke(SKColor color, float width) =>
        new() { Color = color, Style = SKPaintStyle.Stroke, StrokeWidth = width, IsAntialias = true };
}
