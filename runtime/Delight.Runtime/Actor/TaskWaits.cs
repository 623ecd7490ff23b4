namespace Delight.Runtime.Actor;

/// <summary>
/// <c>Task.WaitAsync</c> built only from primitives Coyote controls (a <see cref="TaskCompletionSource{TResult}"/>,
/// <see cref="Task.WhenAny(Task[])"/>, a <see cref="TimeProvider"/> timer and a token registration removed with
/// <see cref="CancellationTokenRegistration.Unregister"/>). The BCL's <c>WaitAsync</c> completes its task inside
/// code Coyote does not rewrite, so under the simulation the runtime would leave Coyote's control (false deadlocks,
/// runs that do not replay). Behaviour matches <c>WaitAsync</c>: the result, the task's own exception,
/// <see cref="OperationCanceledException"/> on cancellation or <see cref="TimeoutException"/> on timeout.
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
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled);
        try
        {
            var first = await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false);
            if (first != task)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            return await task.ConfigureAwait(false);
        }
        finally
        {
            // Unregister, not Dispose: Dispose may wait for a running callback, which Coyote reports as a hang.
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

        var expired = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var timer = time.CreateTimer(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), expired, timeout, Timeout.InfiniteTimeSpan);
        try
        {
            var first = await Task.WhenAny(task, expired.Task).ConfigureAwait(false);
            if (first != task)
            {
                throw new TimeoutException($"the operation did not complete within {timeout}");
            }

            return await task.ConfigureAwait(false);
        }
        finally
        {
            timer.Dispose();
        }
    }
}
