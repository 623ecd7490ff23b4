namespace Delight.Runtime.Sdk;

// The session list after every connect, retried until it succeeds while that connection lasts.
public sealed partial class DelightClient
{
    private const int MaxSessionsRetryDoublings = 4;

    private long _refreshEpoch;

    /// <summary>
    /// Dispatcher only, on every connect of the current socket (the first one, whether or not its ConnectAsync waited
    /// long enough to see it, and every reconnect the socket makes by itself): updates sent while the socket was down
    /// are gone, so the sessions (keys, agent state, activity) are listed again and missed messages fetched. A failed
    /// list is retried after <see cref="SdkOptions.SessionsRetryDelay"/>, doubling, while this connection lasts (found by
    /// the simulation: after a connect whose list failed, or that timed out before the socket came up, the phone never
    /// learned the session's key or agent state).
    /// </summary>
    private void StartSessionsRefresh(long generation)
    {
        var epoch = ++_refreshEpoch;
        _ = Task.Run(() => RefreshSessionsAsync(generation, epoch));
    }

    private async Task RefreshSessionsAsync(long generation, long epoch)
    {
        var delay = _options.SessionsRetryDelay;
        for (var attempt = 0; ; attempt++)
        {
            Task<SdkHttpOutcome<Relay.Http.SessionsBody>>? listing;
            try
            {
                listing = await _dispatch.CallAsync(() => Task.FromResult(
                    IsCurrentConnection(generation, epoch) ? StartListSessions() : null)).ConfigureAwait(false);
            }
            catch (Mailbox.MailboxClosedException)
            {
                return; // disposed
            }

            if (listing is null)
            {
                return; // the connection this refresh belongs to is gone: the next connect refreshes again
            }

            var outcome = await listing.ConfigureAwait(false);
            if (outcome.Ok)
            {
                return;
            }

            await SleepAsync(delay).ConfigureAwait(false);
            if (attempt < MaxSessionsRetryDoublings)
            {
                delay *= 2;
            }
        }
    }

    private bool IsCurrentConnection(long generation, long epoch) =>
        generation == _socketGeneration && epoch == _refreshEpoch && _connected;

    /// <summary>A delay on the injected clock, built from a timer and a completion source (both under the simulation's
    /// control, unlike <c>Task.Delay</c>).</summary>
    private async Task SleepAsync(TimeSpan delay)
    {
        var elapsed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = _options.Time.CreateTimer(_ => elapsed.TrySetResult(), null, delay, Timeout.InfiniteTimeSpan);
        await elapsed.Task.ConfigureAwait(false);
    }
}
