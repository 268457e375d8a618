namespace SglangCi.Toolkit.Parsing;

/// <summary>One logical line of captured output with the 1-based physical line it came from.</summary>
public readonly record struct TextLine(int Number, string Text)
{
    /// <summary>
    /// Splits on '\n' for numbering (what an editor shows), then on bare '\r' inside a physical line: tqdm redraws a
    /// line with carriage returns, and the first result line after a progress bar is often glued to it that way.
    /// </summary>
    public static IReadOnlyList<TextLine> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<TextLine>();
        var physical = text.Split('\n');
        for (var i = 0; i < physical.Length; i++)
        {
            foreach (var segment in physical[i].Split('\r'))
            {
                result.Add(new TextLine(i + 1, segment));
            }
        }

        return result;
    }
}
