namespace Delight.Sim.Replay;

/// <summary>
/// Keeps a re-interleaved capture causal: an input that answers a command (a runner's events answer its start, a
/// timer fire its arming, a persist result its request, a failed delivery its send) waits until this run has emitted
/// that command. Gates are named by the capture's correlation vocabulary (runner:3, timer:7, persist:2, send:4).
/// </summary>
internal sealed class CausalGates
{
    private readonly object _gate = new();
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource<bool>> _waiting = new(StringComparer.Ordinal);
    private bool _released;

    /// <summary>Bumped on every opening, so a driver can tell whether anything progressed.</summary>
    public int Version { get; private set; }

    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    public void Open(string name)
    {
        TaskCompletionSource<bool>? waiter;
        lock (_gate)
        {
            if (!_open.Add(name))
            {
                return;
            }

            Version++;
            _waiting.Remove(name, out waiter);
        }

        waiter?.TrySetResult(true);
    }

    /// <summary>True when the gate opened; false when the run ended without ever opening it.</summary>
    public Task<bool> WaitAsync(string name)
    {
        lock (_gate)
        {
            if (_open.Contains(name))
            {
                return Task.FromResult(true);
            }

            if (_released)
            {
                return Task.FromResult(false);
            }

            if (!_waiting.TryGetValue(name, out var waiter))
            {
                waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting[name] = waiter;
            }

            return waiter.Task;
        }
    }

    /// <summary>The run can make no more progress: every gate still closed stays closed.</summary>
    public void ReleaseAll()
    {
        TaskCompletionSource<bool>[] waiters;
        lock (_gate)
        {
            _released = true;
            waiters = [.. _waiting.Values];
            _waiting.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(false);
        }
    }
}
