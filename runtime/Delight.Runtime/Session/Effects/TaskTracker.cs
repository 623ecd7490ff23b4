namespace Delight.Runtime.Session;

/// <summary>Background tasks started by the effects (persist acks, timer posts, RPC answers), so Stop can wait for
/// them. Their exceptions are reported through <paramref name="onError"/>, never thrown.</summary>
internal sealed class TaskTracker(Action<Exception> onError)
{
    private readonly object _gate = new();
    private readonly Dictionary<long, Task> _tasks = [];
    private readonly HashSet<long> _finishedEarly = [];
    private long _next;

    // No ContinueWith (Coyote does not control it, and bug traces stop replaying): the task removes itself when done.
    public void Run(Func<Task> work)
    {
        long id;
        lock (_gate)
        {
            id = ++_next;
        }

        var task = RunTrackedAsync(id, work);
        lock (_gate)
        {
            if (!_finishedEarly.Remove(id))
            {
                _tasks[id] = task;
            }
        }
    }

    private async Task RunTrackedAsync(long id, Func<Task> work)
    {
        try
        {
            await Task.Yield(); // off the caller (the effects runner) at once
            await work().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            onError(e);
        }
        finally
        {
            lock (_gate)
            {
                if (!_tasks.Remove(id))
                {
                    _finishedEarly.Add(id);
                }
            }
        }
    }

    public async Task DrainAsync()
    {
        while (true)
        {
            Task[] snapshot;
            lock (_gate)
            {
                snapshot = [.. _tasks.OrderBy(t => t.Key).Select(t => t.Value)];
            }

            if (snapshot.Length == 0)
            {
                return;
            }

            await Delight.Runtime.Actor.Awaits.AllAsync(snapshot).ConfigureAwait(false);
        }
    }
}
