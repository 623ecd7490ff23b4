using Delight.Runtime.Mutants;

namespace Delight.Runtime.Mailbox;

/// <summary>
/// Mailbox built only on primitives Coyote controls (<c>lock</c> on an object and
/// <see cref="TaskCompletionSource{TResult}"/>), so that under Coyote's scheduler every post, every wait for room
/// and every receive is a controlled step. It also works outside Coyote (it is simply slower than a channel).
/// </summary>
public sealed class SimulationMailbox<T> : IMailbox<T>
{
    private readonly object _gate = new();
    private readonly Queue<T> _items = new();
    private readonly Queue<TaskCompletionSource<bool>> _roomWaiters = new();
    private readonly MailboxOptions _options;
    private readonly MailboxActivity? _activity;
    private TaskCompletionSource<bool>? _readerWaiter;
    private bool _completed;

    public SimulationMailbox(MailboxOptions options, MailboxActivity? activity = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _activity = activity;
    }

    public string Name => _options.Name;

    public int Capacity => _options.Capacity;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    public ValueTask PostAsync(T item, CancellationToken cancellationToken = default)
    {
        if (TryPost(item))
        {
            return default;
        }

        if (MutantSwitches.IsArmed(Mutant.InboxDropsWhenFull))
        {
            return default; // seeded defect: upstream's lossy Enqueue
        }

        if (_options.FullMode == MailboxFullMode.Fail)
        {
            throw new MailboxFullException(Name, Capacity);
        }

        return new ValueTask(PostWhenRoomAsync(item, cancellationToken));
    }

    private async Task PostWhenRoomAsync(T item, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TaskCompletionSource<bool> room;
            lock (_gate)
            {
                if (_completed)
                {
                    throw new MailboxClosedException(Name);
                }

                if (_items.Count < _options.Capacity)
                {
                    EnqueueLocked(item);
                    return;
                }

                room = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _roomWaiters.Enqueue(room);
            }

            await room.Task.ConfigureAwait(false);
        }
    }

    public bool TryPost(T item)
    {
        lock (_gate)
        {
            if (_completed)
            {
                throw new MailboxClosedException(Name);
            }

            if (_items.Count >= _options.Capacity)
            {
                return false;
            }

            EnqueueLocked(item);
            return true;
        }
    }

    private void EnqueueLocked(T item)
    {
        _items.Enqueue(item);
        _activity?.Tick();
        var reader = _readerWaiter;
        _readerWaiter = null;
        reader?.TrySetResult(true);
    }

    public bool TryReceive(out T item)
    {
        TaskCompletionSource<bool>? room = null;
        lock (_gate)
        {
            if (!_items.TryDequeue(out item!))
            {
                return false;
            }

            _roomWaiters.TryDequeue(out room);
        }

        _activity?.Tick();
        room?.TrySetResult(true);
        return true;
    }

    public ValueTask<bool> WaitToReceiveAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_items.Count > 0)
            {
                return new ValueTask<bool>(true);
            }

            if (_completed)
            {
                return new ValueTask<bool>(false);
            }

            _readerWaiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var wait = _readerWaiter.Task;
            return new ValueTask<bool>(cancellationToken.CanBeCanceled ? Actor.TaskWaits.WaitAsync(wait, cancellationToken) : wait);
        }
    }

    public void Complete()
    {
        TaskCompletionSource<bool>? reader;
        TaskCompletionSource<bool>[] rooms;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            reader = _readerWaiter;
            _readerWaiter = null;
            rooms = [.. _roomWaiters];
            _roomWaiters.Clear();
        }

        reader?.TrySetResult(false);
        foreach (var room in rooms)
        {
            room.TrySetResult(false);
        }
    }
}
