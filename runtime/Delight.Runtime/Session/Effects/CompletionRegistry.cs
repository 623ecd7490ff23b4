namespace Delight.Runtime.Session;

/// <summary>
/// Callers' pending completions by id. The facade registers one before posting an event that carries the id; the
/// effects runner completes it when the reducer's <see cref="CompleteReply"/> (or decision) command runs, i.e. after
/// the state it reports is committed. Continuations run asynchronously so a caller never runs on the effects runner.
/// </summary>
public sealed class CompletionRegistry<T>
{
    private readonly object _gate = new();
    private readonly Dictionary<long, TaskCompletionSource<T>> _pending = [];
    private long _nextId;
    private T? _closedValue;
    private bool _closed;

    /// <summary>Allocates an id and its completion. After <see cref="CloseAll"/>, the task is already completed.</summary>
    public (long Id, Task<T> Completion) Register()
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var id = ++_nextId;
            if (_closed)
            {
                tcs.TrySetResult(_closedValue!);
            }
            else
            {
                _pending.Add(id, tcs);
            }

            return (id, tcs.Task);
        }
    }

    /// <summary>Completes <paramref name="id"/> once; later or unknown completions are ignored.</summary>
    public bool Complete(long id, T value)
    {
        TaskCompletionSource<T>? tcs;
        lock (_gate)
        {
            if (!_pending.Remove(id, out tcs))
            {
                return false;
            }
        }

        return tcs.TrySetResult(value);
    }

    /// <summary>Forgets <paramref name="id"/> (its caller gave up).</summary>
    public void Forget(long id)
    {
        lock (_gate)
        {
            _pending.Remove(id);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Completes every pending entry with <paramref name="value"/> and every later registration too (Stop).</summary>
    public void CloseAll(T value)
    {
        List<TaskCompletionSource<T>> pending;
        lock (_gate)
        {
            _closed = true;
            _closedValue = value;
            pending = [.. _pending.Values];
            _pending.Clear();
        }

        foreach (var tcs in pending)
        {
            tcs.TrySetResult(value);
        }
    }
}
