using Delight.Runtime.Relay.Commands;
using Delight.Runtime.Relay.Connections;
using Delight.Runtime.Relay.Wire;

namespace Delight.Runtime.Relay;

// Fan-out by scope (PROTOCOL.md §1.4). Connections are iterated in id order, so the effect order is deterministic.
public sealed partial class AccountReducer
{
    /// <summary>"update to session": user-scoped sockets plus the session's own session-scoped sockets.</summary>
    private static void UpdateToSession(Tx tx, string sessionId, UpdateEnvelope update, string? skipConnectionId)
    {
        foreach (var connection in tx.State.Connections.Values)
        {
            if (connection.Id != skipConnectionId && connection.ReceivesSessionUpdate(sessionId))
            {
                tx.Add(new SendUpdate(connection.Id, update));
            }
        }
    }

    /// <summary>"update to user": every socket of the account.</summary>
    private static void UpdateToUser(Tx tx, UpdateEnvelope update, string? skipConnectionId)
    {
        foreach (var connection in tx.State.Connections.Values)
        {
            if (connection.Id != skipConnectionId)
            {
                tx.Add(new SendUpdate(connection.Id, update));
            }
        }
    }

    /// <summary>"ephemeral to user": every socket of the account (sender included).</summary>
    private static void EphemeralToUser(Tx tx, string payloadJson)
    {
        foreach (var connection in tx.State.Connections.Values)
        {
            tx.Add(new SendEphemeral(connection.Id, payloadJson));
        }
    }

    /// <summary>"ephemeral to user-scoped only".</summary>
    private static void EphemeralToUserScoped(Tx tx, string payloadJson)
    {
        foreach (var connection in tx.State.Connections.Values)
        {
            if (connection.Scope == ClientScope.UserScoped)
            {
                tx.Add(new SendEphemeral(connection.Id, payloadJson));
            }
        }
    }
}
