namespace Delight.Runtime.Session;

/// <summary>
/// The phone-message stream (see <see cref="InboundCursor"/>): every connect starts a catch-up fetch of what was stored
/// after the last seq taken in; live messages wait while it runs; the fetched and held messages are then taken in seq
/// order, each once. A failed fetch is retried while the session runs.
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

        tx.S = tx.S with { Inbound = tx.S.Inbound with { CatchingUp = true } };
        tx.Emit(new FetchMissedMessages(tx.S.Inbound.LastSeq));
    }

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

    public static void OnFetched(Tx tx, MissedMessagesFetched e)
    {
        var cursor = tx.S.Inbound;
        if (!cursor.CatchingUp)
        {
            return;
        }

        if (e.Error is not null && !tx.IsFinished)
        {
            tx.Emit(new ArmTimer(SessionTimers.CatchUpRetry, tx.NextTimerToken(), CatchUpRetryMs));
            return;
        }

        var pending = e.Messages.Concat(cursor.Held)
            .Where(m => m.Seq > cursor.LastSeq)
            .GroupBy(m => m.Seq)
            .Select(g => g.First())
            .OrderBy(m => m.Seq)
            .ToList();
        tx.S = tx.S with { Inbound = cursor with { CatchingUp = false, Held = [] } };
        foreach (var message in pending)
        {
            TakeIn(tx, message);
        }
    }

    public static void OnRetryTimer(Tx tx)
    {
        if (tx.S.Inbound.CatchingUp && tx.S.Connection.SessionSocket && !tx.IsFinished)
        {
            tx.Emit(new FetchMissedMessages(tx.S.Inbound.LastSeq));
        }
        else if (tx.S.Inbound.CatchingUp)
        {
            // Offline or finished: the next connect fetches again; meanwhile the held messages wait.
        }
    }

    private static void TakeIn(Tx tx, InboundUserMessage message)
    {
        tx.S = tx.S with { Inbound = tx.S.Inbound with { LastSeq = Math.Max(tx.S.Inbound.LastSeq, message.Seq) } };
        MessageReducer.OnInbound(tx, message);
    }
}
