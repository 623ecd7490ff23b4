using System.Collections.Immutable;
using Delight.Runtime.Actor;
using Delight.Runtime.Agents;

namespace Delight.Sim.StandIns.Session;

/// <summary>
/// The stand-in session reducer: RUNTIME.md §3 with the §10 fixes (generations captured at start, every switch caller
/// answered, Closing/Closed absorbing after Shutdown, buffered messages failed loudly, open permissions withdrawn on
/// switch/exit/shutdown, monotonic agent-state version). Pure: no I/O, no clock, no randomness.
/// </summary>
public sealed class SessionReducer : IReducer<SessionState, SessionEvent, SessionCommand>
{
    public Transition<SessionState, SessionCommand> Reduce(SessionState state, SessionEvent @event)
    {
        var commands = ImmutableArray.CreateBuilder<SessionCommand>();
        var next = @event switch
        {
            SwitchRequested e => OnSwitch(state, e, commands),
            InboundMessage e => OnInbound(state, e, commands),
            RunnerReady e => OnReady(state, e, commands),
            RunnerExited e => OnExited(state, e.Gen, e.Mode, e.Error ?? "exited", commands),
            StartTimedOut e => OnStartTimedOut(state, e, commands),
            OutboundRecord e => OnOutbound(state, e, commands),
            PermissionAwaited e => OnAwait(state, e, commands),
            PermissionDecided e => Resolve(state, e.RequestId, e.Allow, null, commands),
            PermissionWithdrawn e => Resolve(state, e.RequestId, false, e.Reason, commands),
            ShutdownRequested e => OnShutdown(state, e, commands),
            PersistSucceeded e => AfterPersist(state with { AgentStateVersion = Math.Max(state.AgentStateVersion, e.Version), PersistInFlight = false }, commands),
            PersistMismatch e => AfterPersist(state with { AgentStateVersion = Math.Max(state.AgentStateVersion, e.ServerVersion), PersistInFlight = false, PersistDirty = true }, commands),
            PersistFailed => AfterPersist(state with { PersistInFlight = false, PersistDirty = true }, commands),
            SocketConnected => AfterPersist(state with { WsConnected = true }, commands),
            SocketDisconnected => state with { WsConnected = false },
            WorkingChanged e => OnWorking(state, e, commands),
            KeepAliveTick => Add(state, commands, new EmitAlive(state.Working, state.TurnId)),
            MessageSendFailed e => Add(state, commands, new EmitEphemeral("message-failed", null, null, e.LocalId)),
            _ => state,
        };

        if (!string.Equals(state.DurableJson(), next.DurableJson(), StringComparison.Ordinal))
        {
            next = RequestPersist(next with { PersistDirty = true }, commands);
        }

        return new Transition<SessionState, SessionCommand>(next, commands.ToImmutable());
    }

    private static SessionState OnStartTimedOut(SessionState state, StartTimedOut e, ImmutableArray<SessionCommand>.Builder commands)
    {
        if (state.Gen != e.Gen || !state.IsStarting(e.Mode) || state.ShutdownReduced)
        {
            return state;
        }

        // A runner that never becomes ready is treated as dead, so its switch caller gets an answer.
        commands.Add(new StopRunner(e.Gen, e.Mode));
        return OnExited(state, e.Gen, e.Mode, "start timed out", commands);
    }

    private static SessionState Add(SessionState state, ImmutableArray<SessionCommand>.Builder commands, SessionCommand command)
    {
        commands.Add(command);
        return state;
    }

    private static SessionState OnSwitch(SessionState state, SwitchRequested e, ImmutableArray<SessionCommand>.Builder commands)
    {
        if (state.ShutdownReduced)
        {
            if (e.Reply is not null)
            {
                commands.Add(new ReplySwitch(e.Reply, state.Gen, state.Mode, "closed"));
            }

            return state;
        }

        if (state.Mode == e.Target && state.IsRunning(e.Target))
        {
            if (e.Reply is not null)
            {
                commands.Add(new ReplySwitch(e.Reply, state.Gen, state.Mode, null));
            }

            return state;
        }

        if (state.Mode == e.Target && state.IsStarting(e.Target))
        {
            return e.Reply is null ? state : state with { PendingSwitches = state.PendingSwitches.Add(e.Reply) };
        }

        return BeginSwitch(state, e.Target, e.Reply, "superseded by a newer switch", commands);
    }

    private static SessionState BeginSwitch(SessionState state, AgentMode target, SwitchReply? reply, string supersededReason, ImmutableArray<SessionCommand>.Builder commands)
    {
        var gen = state.Gen + 1;
        if (state.HasRunner)
        {
            commands.Add(new StopRunner(state.Gen, state.Mode));
        }

        foreach (var pending in state.PendingSwitches)
        {
            commands.Add(new ReplySwitch(pending, gen, target, supersededReason));
        }

        // Buffered phone messages only wait for a remote runner: switching away from remote fails them loudly.
        var kept = target == AgentMode.Remote ? state : FailBuffered(state, commands) with { Buffered = [] };
        var next = WithdrawAll(kept, "mode switch", commands) with
        {
            Fsm = target == AgentMode.Remote ? SessionFsm.RemoteStarting : SessionFsm.LocalStarting,
            Mode = target,
            Gen = gen,
            PendingSwitches = reply is null ? [] : [reply],
        };
        commands.Add(new StartRunner(gen, target));
        return next;
    }

    private static SessionState OnInbound(SessionState state, InboundMessage e, ImmutableArray<SessionCommand>.Builder commands)
    {
        if (state.SeenLocalIds.Contains(e.LocalId))
        {
            return state; // a duplicate delivery: at most once
        }

        var next = state with { SeenLocalIds = state.SeenLocalIds.Add(e.LocalId) };
        if (next.ShutdownReduced)
        {
            commands.Add(new EmitEphemeral("message-failed", null, null, e.LocalId));
            return next;
        }

        if (next.Fsm == SessionFsm.RemoteRunning)
        {
            commands.Add(new SendToAgent(next.Gen, e.LocalId, e.Text));
            return next;
        }

        next = next with { Buffered = next.Buffered.Add(new BufferedMessage(e.LocalId, e.Text)) };
        return next.Fsm == SessionFsm.RemoteStarting
            ? next
            : BeginSwitch(next, AgentMode.Remote, null, "superseded by a phone message", commands); // automatic handoff (F2)
    }

    private static SessionState OnReady(SessionState state, RunnerReady e, ImmutableArray<SessionCommand>.Builder commands)
    {
        if (e.Gen != state.Gen || state.ShutdownReduced || !state.IsStarting(e.Mode))
        {
            return state;
        }

        foreach (var pending in state.PendingSwitches)
        {
            commands.Add(new ReplySwitch(pending, state.Gen, e.Mode, null));
        }

        if (e.Mode == AgentMode.Remote)
        {
            foreach (var buffered in state.Buffered)
            {
                commands.Add(new SendToAgent(state.Gen, buffered.LocalId, buffered.Text));
            }

            return state with { Fsm = SessionFsm.RemoteRunning, PendingSwitches = [], Buffered = [] };
        }

        return state with { Fsm = SessionFsm.LocalRunning, PendingSwitches = [] };
    }

    private static SessionState OnExited(SessionState state, long gen, AgentMode mode, string error, ImmutableArray<SessionCommand>.Builder commands)
    {
        if (gen != state.Gen || mode != state.Mode)
        {
            return state; // a replaced runner's exit: its generation was captured when it started
        }

        if (state.Fsm == SessionFsm.Closing)
        {
            if (state.PendingShutdown is not null)
            {
                commands.Add(new ReplyShutdown(state.PendingShutdown));
            }

            return state with { Fsm = SessionFsm.Closed, PendingShutdown = null };
        }

        if (state.ShutdownReduced || state.Fsm == SessionFsm.Closed)
        {
            return state;
        }

        var failed = FailBuffered(state, commands) with { Buffered = [] };
        if (mode == AgentMode.Remote)
        {
            // F4: the remote runner died; fall back to local and tell every waiting switch caller.
            return BeginSwitch(failed, AgentMode.Local, null, $"remote runner exited: {error}", commands);
        }

        foreach (var pending in failed.PendingSwitches)
        {
            commands.Add(new ReplySwitch(pending, failed.Gen, failed.Mode, $"local runner exited: {error}"));
        }

        return WithdrawAll(failed, "runner exited", commands) with { Fsm = SessionFsm.Closed, ShutdownReduced = true, PendingSwitches = [] };
    }

    private static SessionState OnWorking(SessionState state, WorkingChanged e, ImmutableArray<SessionCommand>.Builder commands)
    {
        if (e.Gen != state.Gen || e.Working == state.Working)
        {
            return state;
        }

        var next = state with { Working = e.Working, TurnId = e.Working ? state.TurnId + 1 : state.TurnId };
        commands.Add(new EmitAlive(next.Working, next.TurnId));
        return next;
    }

    private static SessionState OnOutbound(SessionState state, OutboundRecord e, ImmutableArray<SessionCommand>.Builder commands)
    {
        if (e.Gen == state.Gen)
        {
            commands.Add(new EmitMessage(e.LocalId, e.Text));
        }

        return state;
    }

    private static SessionState OnAwait(SessionState state, PermissionAwaited e, ImmutableArray<SessionCommand>.Builder commands)
    {
        if (state.ShutdownReduced || e.Gen != state.Gen || state.Requests.ContainsKey(e.RequestId))
        {
            commands.Add(new Decide(e.Promise, false, "runner no longer current"));
            return state;
        }

        commands.Add(new EmitEphemeral("permission-request", e.RequestId, e.Tool, null));
        return state with { Requests = state.Requests.Add(e.RequestId, new OpenPermission(e.RequestId, e.Tool, e.Promise)) };
    }

    private static SessionState Resolve(SessionState state, string requestId, bool allow, string? message, ImmutableArray<SessionCommand>.Builder commands)
    {
        if (!state.Requests.TryGetValue(requestId, out var open))
        {
            return state; // unknown or already resolved
        }

        commands.Add(new Decide(open.Promise, allow, message));
        commands.Add(new EmitEphemeral("permission-resolved", requestId, open.Tool, null));
        return state with { Requests = state.Requests.Remove(requestId) };
    }

    private static SessionState OnShutdown(SessionState state, ShutdownRequested e, ImmutableArray<SessionCommand>.Builder commands)
    {
        if (state.ShutdownReduced)
        {
            if (e.Reply is null)
            {
                return state;
            }

            if (state.Fsm == SessionFsm.Closing && state.PendingShutdown is null)
            {
                return state with { PendingShutdown = e.Reply };
            }

            commands.Add(new ReplyShutdown(e.Reply));
            return state;
        }

        foreach (var pending in state.PendingSwitches)
        {
            commands.Add(new ReplySwitch(pending, state.Gen, state.Mode, "closed"));
        }

        var next = WithdrawAll(FailBuffered(state, commands), "shutdown", commands) with
        {
            ShutdownReduced = true,
            Buffered = [],
            PendingSwitches = [],
        };
        if (!state.HasRunner)
        {
            if (e.Reply is not null)
            {
                commands.Add(new ReplyShutdown(e.Reply));
            }

            return next with { Fsm = SessionFsm.Closed };
        }

        commands.Add(new StopRunner(state.Gen, state.Mode));
        return next with { Fsm = SessionFsm.Closing, PendingShutdown = e.Reply };
    }

    private static SessionState FailBuffered(SessionState state, ImmutableArray<SessionCommand>.Builder commands)
    {
        foreach (var buffered in state.Buffered)
        {
            commands.Add(new EmitEphemeral("message-failed", null, null, buffered.LocalId));
        }

        return state;
    }

    private static SessionState WithdrawAll(SessionState state, string reason, ImmutableArray<SessionCommand>.Builder commands)
    {
        foreach (var open in state.Requests.Values)
        {
            commands.Add(new Decide(open.Promise, false, reason));
            commands.Add(new EmitEphemeral("permission-resolved", open.RequestId, open.Tool, null));
        }

        return state with { Requests = state.Requests.Clear() };
    }

    private static SessionState AfterPersist(SessionState state, ImmutableArray<SessionCommand>.Builder commands) =>
        state.PersistDirty ? RequestPersist(state, commands) : state;

    private static SessionState RequestPersist(SessionState state, ImmutableArray<SessionCommand>.Builder commands)
    {
        if (state.PersistInFlight || !state.WsConnected)
        {
            return state; // sent when the in-flight write completes or the socket reconnects
        }

        commands.Add(new Persist(state.DurableJson(), state.AgentStateVersion));
        return state with { PersistInFlight = true, PersistDirty = false };
    }
}
