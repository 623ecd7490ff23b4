namespace Delight.Runtime.Session;

/// <summary>Background tasks started by the effects (persist acks, timer posts, RPC answers), so Stop can wait for
/// them. Their exceptions are reported through <paramref name="onError"/>, never thrown.</summary>
internal sealed class TaskTracker(Action<Exception> onError)
{
    private readonly object _gate = new();
    private readonly HashSet<Task> _tasks = [];

    public void Run(Func<Task> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
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
        });
        lock (_gate)
        {
            _tasks.Add(task);
        }

        _ = task.ContinueWith(t =>
        {
            lock (_gate)
            {
                _tasks.Remove(t);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public async Task DrainAsync()
    {
        while (true)
        {
            Task[] snapshot;
            lock (_gate)
            {
                snapshot = [.. _tasks];
            }

            if (snapshot.Length == 0)
            {
                return;
            }

            await Task.WhenAll(snapshot).ConfigureAwait(false);
            lock (_gate)
            {
                _tasks.ExceptWith(snapshot);
            }
        }
    }
}
