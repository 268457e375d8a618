namespace SglangCi.Interfaces.Runs;

/// <summary>
/// A piece of one run log, secrets redacted. It holds whole lines only (except a single line longer than the limit),
/// so <see cref="NextOffset"/> may stop short of <see cref="Length"/> while a line is still being written; ask again
/// from <see cref="NextOffset"/> to follow the log.
/// </summary>
/// <param name="Name">The log's name.</param>
/// <param name="Offset">Byte offset in the file where <see cref="Text"/> starts.</param>
/// <param name="NextOffset">Byte offset right after <see cref="Text"/>: where the next read starts.</param>
/// <param name="Length">The file's size in bytes when it was read.</param>
/// <param name="Text">The lines read (UTF-8 decoded, redacted).</param>
/// <param name="IsLive">The run is still going, so the log may grow.</param>
[GenerateSerializer, Immutable]
public sealed record RunLogChunk(
    [property: Id(0)] string Name,
    [property: Id(1)] long Offset,
    [property: Id(2)] long NextOffset,
    [property: Id(3)] long Length,
    [property: Id(4)] string Text,
    [property: Id(5)] bool IsLive)
{
    /// <summary>The most bytes one read returns (64 KiB).</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>True when the chunk did not reach the end of the file.</summary>
    public bool HasMore => NextOffset < Length;
}
