using System.Text;
using SglangCi.Toolkit.History;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// Where a container's (or a command's) output goes: appended to a log file a line at a time as it arrives, its last
/// lines kept for error messages, optionally all of it kept (a command's result), and a watch for one line (SGLang's
/// ready line). Notes of ours go into the same file prefixed <c>[sglang-ci]</c>. Writes are serialized; the file is
/// closed on dispose. Secrets are masked in all of it (<see cref="RedactedLineBuffer"/>): the file, the kept text and
/// the tail end up in logs, check details and error messages.
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
    private readonly RedactedLineBuffer _lines = new();
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
            // Under the gate: the unfinished lines are only consistent between two appends.
            _gate.Wait();
            try
            {
                lock (_kept)
                {
                    return _truncated
                        ? _kept + $"\n{NotePrefix}output truncated after {_keepChars} characters; the log file has all of it\n"
                        : _kept + (_keepChars > 0 ? _lines.Pending() : string.Empty); // read before the end: its unfinished lines too
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>The last lines seen (complete lines, plus any unfinished one).</summary>
    public IReadOnlyList<string> Tail()
    {
        lock (_tail)
        {
            var partial = _streams.Values.Select(s => SecretRedactor.Redact(s.Partial.ToString())).Where(p => p.Length > 0);
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
        var (decoder, partial) = _streams[stderr];
        char[] chars;
        await _gate.WaitAsync(ct);
        try
        {
            // Decoded and split into lines under the gate, so the file and the kept text get the same lines in one order.
            chars = new char[decoder.GetCharCount(buffer, 0, count)];
            decoder.GetChars(buffer, 0, count, chars, 0);
            if (!_disposed && _lines.Add(chars, stderr) is { } lines)
            {
                // Not cancellable: the lines have left the buffer, and a cancelled write would lose them from the file.
                await WriteAsync(lines, CancellationToken.None);
            }
        }
        finally
        {
            _gate.Release();
        }

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

        // Masked too: notes quote commands and errors.
        var bytes = Encoding.UTF8.GetBytes($"{NotePrefix}{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z {SecretRedactor.Redact(line)}\n");
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

            try
            {
                // A last multi-byte character cut short, and the lines that never ended, still belong to the output.
                foreach (var (stderr, (decoder, _)) in _streams)
                {
                    var rest = new char[decoder.GetCharCount([], 0, 0, flush: true)];
                    decoder.GetChars([], 0, 0, rest, 0, flush: true);
                    if (_lines.Add(rest, stderr) is { } released)
                    {
                        await WriteAsync(released, CancellationToken.None);
                    }
                }

                await WriteAsync(_lines.TakePending(), CancellationToken.None);
            }
            finally
            {
                _disposed = true;
                if (_file is not null)
                {
                    await _file.DisposeAsync();
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Masked lines into the file and the kept text; called under the gate.</summary>
    private async Task WriteAsync(string lines, CancellationToken ct)
    {
        if (lines.Length == 0)
        {
            return;
        }

        Keep(lines);
        if (_file is not null)
        {
            await _file.WriteAsync(Encoding.UTF8.GetBytes(lines), ct);
            await _file.FlushAsync(ct);
        }
    }

    private void Keep(string chars)
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
        _tail.Enqueue(SecretRedactor.Redact(line));
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
