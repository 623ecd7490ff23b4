namespace Delight.Runtime.Session;

/// <summary>A source of desktop keys. <see cref="ReadKeyAsync"/> returns null when no more keys will come.</summary>
public interface IDesktopKeySource
{
    ValueTask<char?> ReadKeyAsync(CancellationToken cancellationToken);

    /// <summary>Called when watching starts and stops (raw mode on/off for a terminal).</summary>
    void SetWatching(bool watching);
}

/// <summary>
/// <see cref="ITakebackWatcher"/> over any key source: one reader task per start, cancelled by <see cref="Stop"/>;
/// keys go through a <see cref="TakebackKeyDetector"/> timed by the injected clock.
/// </summary>
public sealed class KeyTakebackWatcher(IDesktopKeySource keys, TimeProvider time, long windowMs = TakebackKeyDetector.DefaultWindowMs) : ITakebackWatcher
{
    private readonly object _gate = new();
    private CancellationTokenSource? _running;

    /// <summary>The current reader (for tests: completes after <see cref="Stop"/>).</summary>
    public Task Reader { get; private set; } = Task.CompletedTask;

    public bool IsWatching
    {
        get
        {
            lock (_gate)
            {
                return _running is not null;
            }
        }
    }

    public void Start(Func<TakebackSignal, ValueTask> onSignal)
    {
        ArgumentNullException.ThrowIfNull(onSignal);
        lock (_gate)
        {
            if (_running is not null)
            {
                return;
            }

            _running = new CancellationTokenSource();
            keys.SetWatching(true);
            var token = _running.Token;
            Reader = Task.Run(() => ReadAsync(onSignal, token), CancellationToken.None);
        }
    }

    public void Stop()
    {
        CancellationTokenSource? running;
        lock (_gate)
        {
            running = _running;
            _running = null;
        }

        if (running is not null)
        {
            running.Cancel();
            keys.SetWatching(false);
        }
    }

    private async Task ReadAsync(Func<TakebackSignal, ValueTask> onSignal, CancellationToken ct)
    {
        var detector = new TakebackKeyDetector(windowMs);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var key = await keys.ReadKeyAsync(ct).ConfigureAwait(false);
                if (key is not { } k)
                {
                    return;
                }

                if (detector.OnKey(k, time.GetUtcNow().ToUnixTimeMilliseconds()) is { } signal && !ct.IsCancellationRequested)
                {
                    await onSignal(signal).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
