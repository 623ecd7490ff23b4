using Delight.Runtime.Mutants;

namespace Delight.Runtime.Session;

/// <summary>
/// The phone-message stream (see <see cref="InboundCursor"/>): every connect starts a catch-up fetch of what was stored
/// after the last seq taken in; live messages wait while it runs; the fetched and held messages are then taken in seq
/// order, each once. A failed fetch is retried while the session runs and the socket is up.
/// </summary>
internal static class InboundReducer
{
    public const long CatchUpRetryMs = 2000;

    public static void OnSocketConnected(Tx tx)
    {
        if (tx.IsFinished)
        {
            return;
        }

        CancelRetry(tx);
        StartFetch(tx);
    }

    /// <summary>evWSDisconnected: a pending retry is dropped; the next connect fetches again.</summary>
    public static void OnSocketDisconnected(Tx tx) => CancelRetry(tx);

    public static void OnInbound(Tx tx, InboundUserMessage e)
    {
        var cursor = tx.S.Inbound;
        if (e.Seq <= 0)
        {
            MessageReducer.OnInbound(tx, e); // no seq known (older captures): taken as is
            return;
        }

        if (e.Seq <= cursor.LastSeq || cursor.Held.Exists(h => h.Seq == e.Seq))
        {
            return; // already taken in (a resend, or fetched by a catch-up)
        }

        if (cursor.CatchingUp)
        {
            tx.S = tx.S with { Inbound = cursor with { Held = cursor.Held.Add(e) } };
            return;
        }

        TakeIn(tx, e);
    }

    /// <summary>A fetch answered. Its messages (if any) join the held ones; the catch-up ends when no fetch is left
    /// in flight and none failed since the newest one started (answers arrive out of order, so a failure may be the
    /// newest fetch's even when an older fetch answers last); otherwise a retry is armed.</summary>
    public static void OnFetched(Tx tx, MissedMessagesFetched e)
    {
        var cursor = tx.S.Inbound;
        if (!cursor.CatchingUp)
        {
            return;
        }

        var inFlight = MutantSwitches.IsArmed(Mutant.CatchUpEndsOnFirstAnswer)
            ? 0 // seeded defect: the first answer ends the catch-up, whatever newer fetch is still running
            : Math.Max(0, cursor.FetchesInFlight - 1);
        var held = cursor.Held;
        if (e.Error is null)
        {
            foreach (var m in e.Messages)
            {
                if (m.Seq > cursor.LastSeq && !held.Exists(h => h.Seq == m.Seq))
                {
                    held = held.Add(m);
                }
            }
        }

        var failed = cursor.FailedSinceLastStart || e.Error is not null;
        tx.S = tx.S with { Inbound = cursor with { FetchesInFlight = inFlight, Held = held, FailedSinceLastStart = failed } };
        if (inFlight > 0)
        {
            return; // a newer fetch (after a reconnect) is still running; its snapshot is the one that ends the catch-up
        }

        var mustRetry = e.Error is not null || (failed && !MutantSwitches.IsArmed(Mutant.CatchUpEndsOnFirstAnswer));
        if (mustRetry)
        {
            if (!tx.IsFinished && tx.S.Connection.SessionSocket && cursor.RetryToken == 0)
            {
                var token = tx.NextTimerToken();
                tx.S = tx.S with { Inbound = tx.S.Inbound with { RetryToken = token } };
                tx.Emit(new ArmTimer(SessionTimers.CatchUpRetry, token, CatchUpRetryMs));
            }

            return; // offline or finished: the next connect fetches again; meanwhile the held messages wait
        }

        CancelRetry(tx);
        var pending = tx.S.Inbound.Held.OrderBy(m => m.Seq).ToList();
        tx.S = tx.S with { Inbound = tx.S.Inbound with { CatchingUp = false, Held = [] } };
        foreach (var message in pending)
        {
            TakeIn(tx, message);
        }
    }

    public static void OnRetryTimer(Tx tx, TimerFired e)
    {
        var cursor = tx.S.Inbound;
        if (cursor.RetryToken == 0 || e.Token != cursor.RetryToken)
        {
            return; // stale fire: a reconnect or a later answer already replaced this retry
        }

        tx.S = tx.S with { Inbound = cursor with { RetryToken = 0 } };
        if (cursor.CatchingUp && tx.S.Connection.SessionSocket && !tx.IsFinished)
        {
            StartFetch(tx);
        }
    }

    private static void StartFetch(Tx tx)
    {
        var cursor = tx.S.Inbound;
        tx.S = tx.S with { Inbound = cursor with { CatchingUp = true, FetchesInFlight = cursor.FetchesInFlight + 1, FailedSinceLastStart = false } };
        tx.Emit(new FetchMissedMessages(cursor.LastSeq));
    }

    private static void CancelRetry(Tx tx)
    {
        if (tx.S.Inbound.RetryToken != 0)
        {
            tx.S = tx.S with { Inbound = tx.S.Inbound with { RetryToken = 0 } };
            tx.Emit(new CancelTimer(SessionTimers.CatchUpRetry));
        }
    }

    private static void TakeIn(Tx tx, InboundUserMessage message)
    {
        tx.S = tx.S with { Inbound = tx.S.Inbound with { LastSeq = Math.Max(tx.S.Inbound.LastSeq, message.Seq) } };
        MessageReducer.OnInbound(tx, message);
    }
}
