using System.Text;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// Where a container's (or a command's) output goes: appended to a log file as it arrives, its last lines kept for
/// error messages, optionally all of it kept (a command's result), and a watch for one line (SGLang's ready line).
/// Notes of ours go into the same file prefixed <c>[sglang-ci]</c>. Writes are serialized; the file is closed on dispose.
/// </summary>
internal sealed class ContainerOutput : IAsyncDisposable
{
    public const string NotePrefix = "[sglang-ci] ";

    private readonly FileStream? _file;
    private readonly int _tailLines;
    private readonly string? _watchFor;
    private readonly int _keepChars;
    private readonly Queue<string> _tail = new();
    private readonly StringBuilder _kept = new();
    private readonly Dictionary<bool, (Decoder Decoder, StringBuilder Partial)> _streams = new()
    {
        [false] = (Encoding.UTF8.GetDecoder(), new StringBuilder()),
        [true] = (Encoding.UTF8.GetDecoder(), new StringBuilder()),
    };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _truncated;
    private bool _disposed;

    /// <param name="path">Log file, appended to (its folder is created); null keeps nothing on disk.</param>
    /// <param name="tailLines">How many last lines <see cref="Tail"/> gives.</param>
    /// <param name="watchFor">A text whose appearance in a line completes <see cref="LineSeen"/>.</param>
    /// <param name="keepChars">Keep up to this much of the output for <see cref="Text"/>; 0 keeps none.</param>
    public ContainerOutput(string? path, int tailLines, string? watchFor = null, int keepChars = 0)
    {
        if (path is not null)
        {
            Path = System.IO.Path.GetFullPath(path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            _file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
        }

        _tailLines = Math.Max(1, tailLines);
        _watchFor = string.IsNullOrEmpty(watchFor) ? null : watchFor;
        _keepChars = keepChars;
    }

    public string? Path { get; }

    /// <summary>Completes when a line containing the watched text arrived.</summary>
    public Task LineSeen => _seen.Task;

    /// <summary>All output kept (up to the limit given), stdout and stderr in arrival order.</summary>
    public string Text
    {
        get
        {
            lock (_kept)
            {
                return _truncated ? _kept + $"\n{NotePrefix}output truncated after {_keepChars} characters; the log file has all of it\n" : _kept.ToString();
            }
        }
    }

    /// <summary>The last lines seen (complete lines, plus any unfinished one).</summary>
    public IReadOnlyList<string> Tail()
    {
        lock (_tail)
        {
            var partial = _streams.Values.Select(s => s.Partial.ToString()).Where(p => p.Length > 0);
            return _tail.Concat(partial).TakeLast(_tailLines).ToList();
        }
    }

    /// <summary>The tail as text for an error message: "; last log lines:\n…", or empty when there were none.</summary>
    public string TailForMessage()
    {
        var tail = Tail();
        return tail.Count == 0 ? "; it printed nothing" : $"; last {tail.Count} log line(s):\n{string.Join('\n', tail)}";
    }

    public async Task AppendAsync(byte[] buffer, int count, bool stderr, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_file is not null && !_disposed)
            {
                await _file.WriteAsync(buffer.AsMemory(0, count), ct);
                await _file.FlushAsync(ct);
            }
        }
        finally
        {
            _gate.Release();
        }

        var (decoder, partial) = _streams[stderr];
        var chars = new char[decoder.GetCharCount(buffer, 0, count)];
        decoder.GetChars(buffer, 0, count, chars, 0);
        Keep(chars);
        lock (_tail)
        {
            foreach (var c in chars)
            {
                if (c == '\n')
                {
                    CompleteLine(partial);
                }
                else if (c != '\r')
                {
                    partial.Append(c);
                }
            }
        }
    }

    /// <summary>Writes one line of ours into the log file.</summary>
    public async Task NoteAsync(string line)
    {
        if (_file is null)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes($"{NotePrefix}{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z {line}\n");
        await _gate.WaitAsync();
        try
        {
            if (!_disposed)
            {
                await _file.WriteAsync(bytes);
                await _file.FlushAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary><see cref="NoteAsync"/> for callbacks that cannot wait (pull progress); the write is ordered by the gate.</summary>
    public void Note(string line) => NoteAsync(line).GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_file is not null)
            {
                await _file.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Keep(char[] chars)
    {
        if (_keepChars <= 0)
        {
            return;
        }

        lock (_kept)
        {
            var room = _keepChars - _kept.Length;
            if (room >= chars.Length)
            {
                _kept.Append(chars);
            }
            else
            {
                _kept.Append(chars, 0, Math.Max(0, room));
                _truncated = true;
            }
        }
    }

    private void CompleteLine(StringBuilder partial)
    {
        var line = partial.ToString();
        partial.Clear();
        _tail.Enqueue(line);
        while (_tail.Count > _tailLines)
        {
            _tail.Dequeue();
        }

        if (_watchFor is not null && line.Contains(_watchFor, StringComparison.Ordinal))
        {
            _seen.TrySetResult();
        }
    }
}
