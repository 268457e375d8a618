namespace SglangCi.Toolkit.Downloads;

/// <summary>What <c>--status</c> says about a model directory, decided offline.</summary>
public enum LocalModelState
{
    /// <summary>No directory, or an empty one.</summary>
    Missing,

    /// <summary>Some files, but no completion marker, or downloads left unfinished.</summary>
    Partial,

    /// <summary>A download finished (marker present) and nothing is left half-done.</summary>
    Present,
}
