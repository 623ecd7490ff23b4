using Delight.Runtime.Mutants;
using Delight.Runtime.Relay.Commands;
using Delight.Runtime.Relay.Connections;
using Delight.Runtime.Relay.Events;
using Delight.Runtime.Relay.State;
using Delight.Runtime.Relay.Wire;

namespace Delight.Runtime.Relay;

// Connect, disconnect, session-alive, terminal-alive and client ephemerals.
public sealed partial class AccountReducer
{
    private static void OnConnected(Tx tx, ClientConnected e)
    {
        var connection = e.Connection;
        tx.State = tx.State with { Connections = tx.State.Connections.SetItem(connection.Id, connection) };
        if (connection.Scope == ClientScope.TerminalScoped
            && connection.TerminalId is { } terminalId
            && tx.State.Terminals.TryGetValue(terminalId, out var terminal))
        {
            SetTerminal(tx, terminal with { Active = true, ActiveAtMs = e.NowMs });
            EphemeralToUserScoped(tx, RelayWireCodec.Serialize(TerminalActivityEphemeral.Of(terminalId, true, e.NowMs)));
        }
    }

    private static void OnDisconnected(Tx tx, ClientDisconnected e)
    {
        if (!tx.State.Connections.TryGetValue(e.ConnectionId, out var connection))
        {
            return;
        }

        var state = tx.State;
        tx.State = state with { Connections = state.Connections.Remove(e.ConnectionId) };

        // A disconnected registrant's methods are dropped; a newer registration by another socket is kept.
        var methods = tx.State.RpcMethods;
        foreach (var (method, owner) in tx.State.RpcMethods)
        {
            if (owner == e.ConnectionId)
            {
                methods = methods.Remove(method);
            }
        }

        var pending = tx.State.PendingRpc;
        foreach (var call in tx.State.PendingRpc.Values)
        {
            if (call.TargetConnectionId == e.ConnectionId)
            {
                tx.Add(new AckRpcCall(call.Ack, RpcCallAck.Failure(RpcErrors.NotAvailable)));
                pending = pending.Remove(call.CallId);
            }
            else if (call.CallerConnectionId == e.ConnectionId)
            {
                pending = pending.Remove(call.CallId); // nobody left to answer; the target's late ack is ignored
            }
        }

        tx.State = tx.State with { RpcMethods = methods, PendingRpc = pending };

        // F6: the old socket's late disconnect must not mark a reconnected session (or terminal) offline.
        if (connection.Scope == ClientScope.SessionScoped
            && connection.SessionId is { } sessionId
            && (!HasOtherSocket(tx.State, ClientScope.SessionScoped, sessionId) || MutantSwitches.IsArmed(Mutant.RelayLateDisconnectMarksOffline))
            && tx.State.Sessions.TryGetValue(sessionId, out var session))
        {
            var turn = session.Turn.Open ? session.Turn with { Open = false, CompletedAtMs = e.NowMs } : session.Turn;
            SetSession(tx, session with { Active = false, Turn = turn });
            EphemeralToUser(tx, RelayWireCodec.Serialize(ActivityEphemeral.Of(sessionId, false, false, e.NowMs)));
        }
        else if (connection.Scope == ClientScope.TerminalScoped
            && connection.TerminalId is { } terminalId
            && !HasOtherSocket(tx.State, ClientScope.TerminalScoped, terminalId)
            && tx.State.Terminals.TryGetValue(terminalId, out var terminal))
        {
            SetTerminal(tx, terminal with { Active = false });
            EphemeralToUserScoped(tx, RelayWireCodec.Serialize(TerminalActivityEphemeral.Of(terminalId, false, e.NowMs)));
        }
    }

    private static bool HasOtherSocket(AccountState state, ClientScope scope, string boundId)
    {
        foreach (var connection in state.Connections.Values)
        {
            if (connection.Scope == scope && (scope == ClientScope.SessionScoped ? connection.SessionId : connection.TerminalId) == boundId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Clamps an alive's time (0 = now, future = now); null when it is older than the 10-minute window.</summary>
    private static long? AliveTime(long time, long nowMs)
    {
        var t = time == 0 || time > nowMs ? nowMs : time;
        return t < nowMs - AliveWindowMs ? null : t;
    }

    private static void OnSessionAlive(Tx tx, SessionAliveReceived e)
    {
        if (AliveTime(e.Payload.Time, e.NowMs) is not { } time)
        {
            tx.Add(new ReportDropped(e.ConnectionId, "session-alive", "time older than 10 minutes"));
            return;
        }

        if (!tx.State.Sessions.TryGetValue(e.Payload.Sid, out var session))
        {
            tx.Add(new ReportDropped(e.ConnectionId, "session-alive", "session not found"));
            return;
        }

        var turn = ApplyBoundary(session.Turn, e.Payload.Working, e.Payload.Turn, time);
        session = session with { Active = true, ActiveAtMs = Math.Max(session.ActiveAtMs, time), Turn = turn };
        SetSession(tx, session);

        // The ephemeral reports the effective turn state, so a stale keep-alive cannot flash "working" on phones.
        EphemeralToUser(tx, RelayWireCodec.Serialize(ActivityEphemeral.Of(session.Id, true, turn.Open, session.ActiveAtMs)));
    }

    /// <summary>Applies a turn boundary unless it is older than the last one applied (S8).</summary>
    internal static TurnState ApplyBoundary(TurnState turn, bool working, long turnId, long time)
    {
        bool stale;
        if (turnId > 0 && turn.BoundaryTurn > 0)
        {
            // (n, working) < (n, idle) < (n+1, working)
            var incoming = (turnId * 2) + (working ? 0 : 1);
            var current = (turn.BoundaryTurn * 2) + (turn.BoundaryWorking ? 0 : 1);
            stale = incoming < current;
        }
        else
        {
            stale = time < turn.BoundaryAtMs;
        }

        if (stale && !MutantSwitches.IsArmed(Mutant.RelayStaleKeepAliveReopensTurn))
        {
            return turn;
        }

        var next = turn with
        {
            BoundaryAtMs = Math.Max(turn.BoundaryAtMs, time),
            BoundaryTurn = Math.Max(turn.BoundaryTurn, turnId),
            BoundaryWorking = working,
        };
        if (working && !turn.Open)
        {
            return next with { Open = true, StartedAtMs = time };
        }

        if (!working && turn.Open)
        {
            return next with { Open = false, CompletedAtMs = time };
        }

        return next;
    }

    private static void OnTerminalAlive(Tx tx, TerminalAliveReceived e)
    {
        if (AliveTime(e.Payload.Time, e.NowMs) is not { } time)
        {
            tx.Add(new ReportDropped(e.ConnectionId, "terminal-alive", "time older than 10 minutes"));
            return;
        }

        if (!tx.State.Terminals.TryGetValue(e.Payload.TerminalId, out var terminal))
        {
            tx.Add(new ReportDropped(e.ConnectionId, "terminal-alive", "terminal not found"));
            return;
        }

        SetTerminal(tx, terminal with { Active = true, ActiveAtMs = Math.Max(terminal.ActiveAtMs, time) });
        EphemeralToUserScoped(tx, RelayWireCodec.Serialize(TerminalActivityEphemeral.Of(terminal.Id, true, time)));
    }

    private static void OnEphemeral(Tx tx, EphemeralReceived e) => EphemeralToUserScoped(tx, e.RawJson);

    private static void SetSession(Tx tx, SessionRecord session)
    {
        tx.State = tx.State with { Sessions = tx.State.Sessions.SetItem(session.Id, session) };
        tx.Durable();
    }

    private static void SetTerminal(Tx tx, TerminalRecord terminal)
    {
        tx.State = tx.State with { Terminals = tx.State.Terminals.SetItem(terminal.Id, terminal) };
        tx.Durable();
    }
}
