namespace Delight.Sim.Clock;

/// <summary>Waits on the virtual clock through a timer and a TaskCompletionSource (both controlled under Coyote),
/// instead of <c>Task.Delay</c>, whose cancellation Coyote ignores and whose time it does not model.</summary>
public static class VirtualDelay
{
    public static Task For(TimeProvider clock, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        ITimer? timer = null;
        timer = clock.CreateTimer(_ =>
        {
            timer?.Dispose();
            done.TrySetResult(true);
        }, null, delay, Timeout.InfiniteTimeSpan);
        return done.Task;
    }
}
