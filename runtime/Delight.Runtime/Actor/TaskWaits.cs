namespace Delight.Runtime.Actor;

/// <summary>
/// <c>Task.WaitAsync</c> built only from primitives Coyote controls: a <see cref="TaskCompletionSource{TResult}"/>
/// completed by whichever comes first (the task, through a plain await; the token; a <see cref="TimeProvider"/>
/// timer). The BCL's <c>WaitAsync</c>, <c>WhenAny</c> and <c>ContinueWith</c> complete their tasks inside code Coyote
/// does not control, so under the simulation bug traces would stop replaying. Behaviour matches <c>WaitAsync</c>: the
/// result, the task's own exception, <see cref="OperationCanceledException"/> on cancellation or
/// <see cref="TimeoutException"/> on timeout. Registrations are removed with
/// <see cref="CancellationTokenRegistration.Unregister"/> (Dispose may wait for a running callback: a Coyote hang).
/// </summary>
public static class TaskWaits
{
    public static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IsCompleted || !cancellationToken.CanBeCanceled)
        {
            return await task.ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = cancellationToken.Register(() => done.TrySetException(new OperationCanceledException(cancellationToken)));
        _ = ForwardAsync(task, done);
        try
        {
            return await done.Task.ConfigureAwait(false);
        }
        finally
        {
            registration.Unregister();
        }
    }

    public static async Task<T> WaitAsync<T>(Task<T> task, TimeSpan timeout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(time);
        if (task.IsCompleted || timeout == Timeout.InfiniteTimeSpan)
        {
            return await task.ConfigureAwait(false);
        }

        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var timer = time.CreateTimer(_ => done.TrySetException(new TimeoutException($"the operation did not complete within {timeout}")), null, timeout, Timeout.InfiniteTimeSpan);
        _ = ForwardAsync(task, done);
        try
        {
            return await done.Task.ConfigureAwait(false);
        }
        finally
        {
            timer.Dispose();
        }
    }

    private static async Task ForwardAsync<T>(Task<T> task, TaskCompletionSource<T> done)
    {
        try
        {
            done.TrySetResult(await task.ConfigureAwait(false));
        }
        catch (OperationCanceledException ex)
        {
            done.TrySetCanceled(ex.CancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            done.TrySetException(ex);
        }
    }
}
