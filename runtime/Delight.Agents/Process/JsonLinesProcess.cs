using System.Diagnostics;
using System.Text;

namespace Delight.Agents.Process;

/// <summary>
/// A child process speaking JSON Lines on stdio: lines written to stdin in call order, stdout lines delivered one at a
/// time, in order, to one async sink (a slow sink is backpressure on the child, never a dropped line), stderr kept as a
/// bounded tail. No line-length limit (HIST #38: a 64 KiB or 16 MiB line must not stop the stream). <see cref="Exited"/>
/// completes after the process has exited and every stdout line it wrote has been delivered (bounded), so an exit is
/// always reported after the output that preceded it, even mid-turn.
/// </summary>
public sealed class JsonLinesProcess : IAsyncDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly Func<string, CancellationToken, ValueTask> _onLine;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly StringBuilder _stderr = new();
    private readonly object _gate = new();
    private readonly int _stderrTailChars;
    private readonly TaskCompletionSource<ProcessExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _time;
    private Task _reader = Task.CompletedTask;
    private bool _inputClosed;
    private bool _killedByUs;
    private bool _disposed;
    private int _disposedFlag;

    private JsonLinesProcess(System.Diagnostics.Process process, Func<string, CancellationToken, ValueTask> onLine, int stderrTailChars, TimeProvider time)
    {
        _process = process;
        _onLine = onLine;
        _stderrTailChars = stderrTailChars;
        _time = time;
    }

    public int ProcessId { get; private set; }

    /// <summary>Completes once the child has exited and its stdout has been drained.</summary>
    public Task<ProcessExit> Exited => _exited.Task;

    /// <summary>The last characters the child wrote to stderr (never shown to the phone; for logs and diagnostics).</summary>
    public string StderrTail
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts the child. <paramref name="onLine"/> receives every non-blank stdout line on one reader task.</summary>
    /// <exception cref="ProcessStartFailedException">The executable could not be started.</exception>
    public static JsonLinesProcess Start(
        ProcessStartSpec spec,
        Func<string, CancellationToken, ValueTask> onLine,
        TimeProvider? time = null,
        int stderrTailChars = 64 * 1024)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(onLine);
        var info = new ProcessStartInfo(spec.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
            WorkingDirectory = spec.WorkingDirectory ?? string.Empty,
        };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (spec.Environment is not null)
        {
            foreach (var (key, value) in spec.Environment)
            {
                if (value is null)
                {
                    info.Environment.Remove(key);
                }
                else
                {
                    info.Environment[key] = value;
                }
            }
        }

        var process = new System.Diagnostics.Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new JsonLinesProcess(process, onLine, stderrTailChars, time ?? TimeProvider.System);
        try
        {
            if (!process.Start())
            {
                throw new ProcessStartFailedException($"failed to start {spec.FileName}");
            }
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new ProcessStartFailedException($"failed to start {spec.FileName}: {ex.Message}", ex);
        }

        child.ProcessId = process.Id;
        child._reader = Task.Run(child.ReadStdoutAsync);
        _ = Task.Run(child.ReadStderrAsync);
        _ = Task.Run(child.WatchExitAsync);
        return child;
    }

    /// <summary>Writes one line (a <c>\n</c> is appended). Lines from concurrent callers never interleave.</summary>
    /// <exception cref="ProcessInputClosedException">stdin was closed or the child is gone.</exception>
    public async ValueTask WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed))
        {
            throw new ProcessInputClosedException("process input is closed");
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_inputClosed)
            {
                throw new ProcessInputClosedException("process input is closed");
            }

            await _process.StandardInput.WriteAsync((line + "\n").AsMemory(), cancellationToken).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new ProcessInputClosedException("write to child failed: " + ex.Message, ex);
        }
        catch (ObjectDisposedException ex)
        {
            throw new ProcessInputClosedException("write to child failed: process input is closed", ex);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Closes stdin (the child sees end of file).</summary>
    public async ValueTask CloseInputAsync()
    {
        if (Volatile.Read(ref _disposed))
        {
            return;
        }

        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_inputClosed)
            {
                return;
            }

            _inputClosed = true;
            try
            {
                _process.StandardInput.Close();
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
            {
                // The child already went away; closing is best effort.
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Runs the kill sequence and waits (bounded) for the exit. Returns the exit, or null when the child
    /// did not exit within the limit.</summary>
    public async Task<ProcessExit?> KillAsync(KillSequence sequence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        lock (_gate)
        {
            if (_exited.Task.IsCompleted || Volatile.Read(ref _disposed))
            {
                return _exited.Task.IsCompletedSuccessfully ? _exited.Task.Result : null;
            }

            _killedByUs = true;
        }

        if (sequence.CloseInput)
        {
            await CloseInputAsync().ConfigureAwait(false);
        }

        if (!_exited.Task.IsCompleted && sequence.FirstSignal is { } signal && !HasExited())
        {
            if (NativeSignals.TrySend(ProcessId, signal) && sequence.Grace > TimeSpan.Zero)
            {
                await WaitQuietlyAsync(_process.WaitForExitAsync(cancellationToken), sequence.Grace).ConfigureAwait(false);
            }
        }

        if (!HasExited())
        {
            try
            {
                _process.Kill(entireProcessTree: false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already exited between the check and the kill.
            }
        }

        await WaitQuietlyAsync(_exited.Task, sequence.WaitLimit, cancellationToken).ConfigureAwait(false);
        return _exited.Task.IsCompletedSuccessfully ? _exited.Task.Result : null;
    }

    /// <summary>Kills the child if it still runs and releases the process handle. Idempotent; later writes fail with
    /// <see cref="ProcessInputClosedException"/> and later kills return at once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_exited.Task.IsCompleted)
        {
            await KillAsync(KillSequence.CodexAppServer).ConfigureAwait(false);
        }

        if (Interlocked.Exchange(ref _disposedFlag, 1) == 1)
        {
            return;
        }

        // Only the handle is released: the semaphore and token stay usable so a racing writer gets a typed error.
        Volatile.Write(ref _disposed, true);
        await _lifetime.CancelAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private bool HasExited()
    {
        try
        {
            return _process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private async Task WaitQuietlyAsync(Task task, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        try
        {
            await task.WaitAsync(limit, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReadStdoutAsync()
    {
        var reader = _process.StandardOutput;
        try
        {
            while (true)
            {
                // StreamReader.ReadLineAsync has no length limit: a long line grows the buffer, it never ends the stream.
                var line = await reader.ReadLineAsync(_lifetime.Token).ConfigureAwait(false);
                if (line is null)
                {
                    return;
                }

                if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                await _onLine(line, _lifetime.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ReadStderrAsync()
    {
        var buffer = new char[4096];
        try
        {
            while (true)
            {
                var read = await _process.StandardError.ReadAsync(buffer.AsMemory(), _lifetime.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                lock (_gate)
                {
                    _stderr.Append(buffer, 0, read);
                    if (_stderr.Length > _stderrTailChars)
                    {
                        _stderr.Remove(0, _stderr.Length - _stderrTailChars);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task WatchExitAsync()
    {
        try
        {
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
        }

        // Deliver what the child wrote before it died; a grandchild holding stdout open must not hide the exit forever.
        await WaitQuietlyAsync(_reader, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        int code;
        try
        {
            code = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            code = -1;
        }

        bool killedByUs;
        lock (_gate)
        {
            killedByUs = _killedByUs;
        }

        _exited.TrySetResult(new ProcessExit(code, Describe(code), killedByUs));
    }

    /// <summary>Go's wording: null for success, <c>signal: interrupt</c>/<c>signal: killed</c>/<c>signal: terminated</c>
    /// for a death by signal (.NET reports 128 + signal on Unix), <c>exit status N</c> otherwise.</summary>
    private static string? Describe(int code) => code switch
    {
        0 => null,
        130 when !OperatingSystem.IsWindows() => "signal: interrupt",
        137 when !OperatingSystem.IsWindows() => "signal: killed",
        143 when !OperatingSystem.IsWindows() => "signal: terminated",
        _ => "exit status " + code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
