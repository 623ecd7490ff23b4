using Delight.Runtime.Relay.Commands;
using Delight.Runtime.Relay.Events;
using Delight.Runtime.Relay.State;
using Delight.Runtime.Relay.Wire;

namespace Delight.Runtime.Relay;

// Message ingest (RUNTIME.md §6.2), serialized per account and hence per session.
public sealed partial class AccountReducer
{
    private static void OnMessage(Tx tx, MessageReceived e)
    {
        var connection = tx.State.Connections.GetValueOrDefault(e.ConnectionId);
        var sessionId = e.Payload.Sid ?? connection?.SessionId;
        if (sessionId is null)
        {
            tx.Add(new ReportDropped(e.ConnectionId, "message", "no session id"));
            return;
        }

        if (!tx.State.Sessions.TryGetValue(sessionId, out var session))
        {
            tx.Add(new ReportDropped(e.ConnectionId, "message", "session not found for this account"));
            return;
        }

        // Refuse a duplicate local id before allocating a seq, so message seqs stay gap-free (upstream burns one).
        if (e.Payload.LocalId is { } localId && session.LocalIds.Contains(localId))
        {
            tx.Add(new ReportDropped(e.ConnectionId, "message", "duplicate localId"));
            return;
        }

        var seq = session.Seq + 1;
        var stored = new StoredMessage(e.MessageId, seq, e.Payload.LocalId, e.Payload.Message, e.NowMs, e.NowMs);
        session = session with
        {
            Seq = seq,
            Messages = session.Messages.Add(stored),
            LocalIds = e.Payload.LocalId is { } id ? session.LocalIds.Add(id) : session.LocalIds,
            Active = true,
            ActiveAtMs = Math.Max(session.ActiveAtMs, e.NowMs),
            UpdatedAtMs = e.NowMs,
        };
        SetSession(tx, session);

        var update = tx.NextUpdate(new NewMessageBody(session.Id, ToWire(stored)), e.NowMs);
        UpdateToSession(tx, session.Id, update, skipConnectionId: e.ConnectionId);
    }

    internal static WireMessage ToWire(StoredMessage message) =>
        new(message.Id, message.Seq, EncryptedContent.Of(message.Ciphertext), message.LocalId, message.CreatedAtMs, message.UpdatedAtMs);
}
