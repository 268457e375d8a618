namespace SglangCi.Toolkit.Text;

/// <summary>
/// Splits captured console output into logical lines. Progress bars (tqdm) rewrite a line with bare carriage
/// returns, so '\r' is a line break too; otherwise the first result line after a progress bar would be glued to it.
/// </summary>
internal static class LogLines
{
    public static string[] Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split(['\r', '\n']);
    }
}
