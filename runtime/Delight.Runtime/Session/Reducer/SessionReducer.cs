using System.Collections.Immutable;
using Delight.Runtime.Actor;
using Delight.Runtime.Mutants;

namespace Delight.Runtime.Session;

/// <summary>
/// The session reducer: a pure function (state, event) -> (state, commands) implementing RUNTIME.md §3.2-§3.6 with the
/// fixes of §3.10 and §10. No I/O, clock, ids or randomness: time and ids arrive inside events. The input state is never
/// mutated. Each concern lives in its own file: <see cref="LifecycleReducer"/> (§3.2), <see cref="MessageReducer"/>
/// (§3.3), <see cref="WorkingReducer"/> (§3.4, keep-alive, sockets), <see cref="PermissionReducer"/> (§3.5) and
/// <see cref="PersistenceReducer"/> (§3.6).
/// </summary>
public sealed class SessionReducer : IReducer<SessionState, SessionEvent, SessionCommand>
{
    public static SessionReducer Instance { get; } = new();

    public Transition<SessionState, SessionCommand> Reduce(SessionState state, SessionEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        var tx = new Tx(state);
        switch (@event)
        {
            case SwitchModeRequested e: LifecycleReducer.OnSwitch(tx, e.Target, e.ReplyId, e.NowMs); break;
            case DesktopTakeback e: LifecycleReducer.OnSwitch(tx, Agents.AgentMode.Local, null, e.NowMs); break;
            case RunnerReady e: LifecycleReducer.OnReady(tx, e); break;
            case RunnerExited e: LifecycleReducer.OnExited(tx, e.Generation, e.Mode, e.Error, e.NowMs); break;
            case RunnerStopped e: LifecycleReducer.OnStopped(tx, e); break;
            case Shutdown e: LifecycleReducer.OnShutdown(tx, e); break;

            case InboundUserMessage e: InboundReducer.OnInbound(tx, e); break;
            case MissedMessagesFetched e: InboundReducer.OnFetched(tx, e); break;
            case LocalUserMessage e: MessageReducer.OnLocalMessage(tx, e); break;
            case AbortRequested e: MessageReducer.OnAbort(tx, e); break;
            case OutboundRecordReady e: MessageReducer.OnOutbound(tx, e); break;
            case AgentDeliveryFailed e: MessageReducer.OnDeliveryFailed(tx, e); break;

            case EngineWorking e: WorkingReducer.OnWorking(tx, e); break;
            case EngineUiEvent e: WorkingReducer.OnUiEvent(tx, e); break;
            case EngineSessionIdentified e: WorkingReducer.OnSessionIdentified(tx, e); break;
            case EngineRolloutPath e: WorkingReducer.OnRolloutPath(tx, e); break;
            case SocketConnected e: WorkingReducer.OnSocketConnected(tx, e); break;
            case SocketDisconnected: WorkingReducer.OnSocketDisconnected(tx); break;
            case TerminalConnected: tx.S = tx.S with { Connection = tx.S.Connection with { TerminalSocket = true } }; break;
            case TerminalDisconnected: tx.S = tx.S with { Connection = tx.S.Connection with { TerminalSocket = false } }; break;

            case PermissionAwaited e: PermissionReducer.OnAwaited(tx, e); break;
            case PermissionDecided e: PermissionReducer.OnDecided(tx, e); break;
            case PermissionWithdrawn e: PermissionReducer.OnWithdrawn(tx, e); break;

            case AgentConfigRequested e: PersistenceReducer.OnAgentConfig(tx, e); break;
            case AgentSettingsRequested e: PersistenceReducer.OnAgentSettings(tx, e); break;
            case PersistWaitRequested e: PersistenceReducer.OnWait(tx, e); break;
            case PersistSucceeded e: PersistenceReducer.OnSucceeded(tx, e); break;
            case PersistVersionMismatch e: PersistenceReducer.OnMismatch(tx, e); break;
            case PersistFailed e: PersistenceReducer.OnFailed(tx, e); break;

            case TimerFired e: OnTimer(tx, e); break;
            case SessionMetadataUpdated e: OnMetadata(tx, e); break;
            default: throw new ArgumentException($"unknown session event {@event.GetType().Name}", nameof(@event));
        }

        return tx.Done();
    }

    /// <summary>The newest metadata wins; versions never go back (a late broadcast of an older version is ignored).</summary>
    private static void OnMetadata(Tx tx, SessionMetadataUpdated e)
    {
        if (e.Version > tx.S.MetadataVersion)
        {
            tx.S = tx.S with { MetadataJson = e.MetadataJson, MetadataVersion = e.Version };
        }
    }

    private static void OnTimer(Tx tx, TimerFired e)
    {
        if (e.Name == SessionTimers.PersistDebounce)
        {
            PersistenceReducer.OnDebounceFired(tx, e);
        }
        else if (e.Name == SessionTimers.CatchUpRetry)
        {
            InboundReducer.OnRetryTimer(tx, e);
        }
        else if (e.Name == SessionTimers.KeepAlive)
        {
            WorkingReducer.OnKeepAlive(tx, e);
        }
        else if (SessionTimers.TryParsePermissionTimeout(e.Name, out var requestId))
        {
            PermissionReducer.OnTimeout(tx, requestId, e);
        }
    }
}

/// <summary>One reduction in progress: the evolving next state and the commands so far. Created per call, so the
/// reducer stays pure.</summary>
internal sealed class Tx(SessionState state)
{
    private readonly ImmutableArray<SessionCommand>.Builder _commands = ImmutableArray.CreateBuilder<SessionCommand>();

    public SessionState S { get; set; } = state;

    public void Emit(SessionCommand command) => _commands.Add(command);

    public void Reply(long? replyId, ReplyOutcome outcome)
    {
        if (replyId is { } id)
        {
            Emit(new CompleteReply(id, outcome));
        }
    }

    public void Print(string text) => Emit(new PrintToDesktop(text));

    /// <summary>The session has a server id; activity, UI and permission effects are suppressed without one (§2.1).</summary>
    public bool HasSessionId => !string.IsNullOrEmpty(S.Settings.SessionId);

    public long NextTimerToken()
    {
        var token = S.NextTimerToken;
        S = S with { NextTimerToken = token + 1 };
        return token;
    }

    /// <summary>Once Shutdown is reduced, or the session ended after a runner ran, Closing and Closed are absorbing
    /// (§10): nothing restarts a runner and new commands get <see cref="ReplyErrorCode.Closed"/>.</summary>
    public bool IsFinished =>
        !MutantSwitches.IsArmed(Mutant.RunnerRestartedWhileClosing)
        && (S.ShutdownRequested || (S.Fsm == FsmState.Closed && S.RunnerGen > 0));

    public static ReplyOutcome ClosedError { get; } = ReplyOutcome.Error(ReplyErrorCode.Closed, "session is closed");

    public Transition<SessionState, SessionCommand> Done() => new(S, _commands.ToImmutable());
}
