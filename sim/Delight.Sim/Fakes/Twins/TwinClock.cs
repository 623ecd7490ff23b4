namespace Delight.Sim.Fakes.Twins;

/// <summary>
/// Cancellable waits on the virtual clock, built from a timer, a TaskCompletionSource and a token registration (all
/// controlled under Coyote; never <c>Task.Delay</c>). A cancelled wait ends at once, so a killed runner leaves no task
/// blocked. Registrations are unregistered, never disposed: Dispose can wait for a callback running elsewhere.
/// </summary>
public static class TwinClock
{
    /// <summary>True when the delay elapsed, false when the token was cancelled first.</summary>
    public static async Task<bool> DelayAsync(TimeProvider clock, TimeSpan delay, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (token.IsCancellationRequested)
        {
            return false;
        }

        if (delay <= TimeSpan.Zero)
        {
            return true;
        }

        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var timer = clock.CreateTimer(_ => done.TrySetResult(true), null, delay, Timeout.InfiniteTimeSpan);
        var registration = token.Register(() => done.TrySetResult(false));
        var fired = await done.Task.ConfigureAwait(false);
        timer.Dispose();
        registration.Unregister();
        return fired;
    }

    /// <summary>Completes when the token is cancelled (a turn that only an abort or a kill ends).</summary>
    public static async Task UntilCancelledAsync(CancellationToken token)
    {
        if (token.IsCancellationRequested)
        {
            return;
        }

        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = token.Register(() => done.TrySetResult(true));
        await done.Task.ConfigureAwait(false);
        registration.Unregister();
    }

    /// <summary>A source cancelled when any of <paramref name="tokens"/> is; call <see cref="TwinLink.Release"/> after.</summary>
    public static TwinLink Link(params CancellationToken[] tokens) => new(tokens);
}

/// <summary>A hand-made linked token source whose registrations are unregistered (see <see cref="TwinClock"/>).</summary>
public sealed class TwinLink
{
    private readonly CancellationTokenSource _source = new();
    private readonly List<CancellationTokenRegistration> _registrations = [];

    internal TwinLink(CancellationToken[] tokens)
    {
        foreach (var token in tokens)
        {
            if (token.IsCancellationRequested)
            {
                _source.Cancel();
                continue;
            }

            _registrations.Add(token.Register(static state => ((CancellationTokenSource)state!).Cancel(), _source));
        }
    }

    public CancellationToken Token => _source.Token;

    public bool IsCancellationRequested => _source.IsCancellationRequested;

    public void Cancel() => _source.Cancel();

    public void Release()
    {
        foreach (var registration in _registrations)
        {
            registration.Unregister();
        }
    }
}
