using Delight.Runtime.Agents;
using Delight.Runtime.Mutants;

namespace Delight.Runtime.Session;

/// <summary>RUNTIME.md §3.4 (working, UI events), engine identity events (§3.6 last rows), sockets and keep-alive.
/// Every <c>session-alive</c> comes from here with a monotonic <see cref="SessionState.ActivitySeq"/>, so the server's
/// turn state has one writer (S8 fixed).</summary>
internal static class WorkingReducer
{
    /// <summary>evEngineWorking: accepted from the current runner of the expected mode.</summary>
    public static void OnWorking(Tx tx, EngineWorking e)
    {
        var s = tx.S;
        var accepted = e.Generation == s.RunnerGen
            && ((e.Mode == AgentMode.Remote && s.Fsm is FsmState.RemoteRunning or FsmState.RemoteStarting)
                || (e.Mode == AgentMode.Local && s.Fsm == FsmState.LocalRunning));
        if (accepted)
        {
            SetWorking(tx, e.Working, e.NowMs);
        }
    }

    /// <summary>evEngineUIEvent: forwarded to the phone; never touches Working (HIST 84c6d4b). Suppressed while the
    /// session has no server id (§2.1).</summary>
    public static void OnUiEvent(Tx tx, EngineUiEvent e)
    {
        var s = tx.S;
        var accepted = tx.HasSessionId
            && e.Generation == s.RunnerGen
            && !string.IsNullOrEmpty(e.EventId)
            && ((s.Fsm == FsmState.RemoteRunning && e.Mode == AgentMode.Remote) || (s.Fsm == FsmState.LocalRunning && e.Mode == AgentMode.Local));
        if (accepted)
        {
            tx.Emit(new EmitUiEvent(e.EventId, e.UiKind, e.Phase, e.Status, e.BriefMarkdown, e.FullMarkdown, e.NowMs));
        }
    }

    /// <summary>evEngineSessionIdentified: remote is authoritative; local only fills an empty token (HIST 41bb152).</summary>
    public static void OnSessionIdentified(Tx tx, EngineSessionIdentified e)
    {
        var s = tx.S;
        if (e.Generation != s.RunnerGen || string.IsNullOrEmpty(e.ResumeToken))
        {
            return;
        }

        if ((e.Mode == AgentMode.Remote || string.IsNullOrEmpty(s.ResumeToken)) && s.ResumeToken != e.ResumeToken)
        {
            tx.S = s with { ResumeToken = e.ResumeToken, AgentState = s.AgentState with { ResumeToken = e.ResumeToken } };
            PersistenceReducer.PersistDebounced(tx);
            PersistLocalInfo(tx);
        }
    }

    /// <summary>evEngineRolloutPath: the current runner's transcript file, kept for a later local resume.</summary>
    public static void OnRolloutPath(Tx tx, EngineRolloutPath e)
    {
        if (e.Generation == tx.S.RunnerGen && !string.IsNullOrEmpty(e.Path) && e.Path != tx.S.RolloutPath)
        {
            tx.S = tx.S with { RolloutPath = e.Path };
            PersistLocalInfo(tx);
        }
    }

    /// <summary>PersistLocalSessionInfo (ENGINES.md §8.2): the machine-local facts, keyed by the server session id.</summary>
    private static void PersistLocalInfo(Tx tx)
    {
        if (tx.HasSessionId)
        {
            var s = tx.S;
            tx.Emit(new PersistLocalSessionInfo(s.Settings.SessionId, s.Settings.AgentType, s.ResumeToken, s.RolloutPath));
        }
    }

    /// <summary>evWSConnected: register the RPC methods (on every connect, F6), announce liveness, arm the keep-alive,
    /// and re-persist (HIST 35c8e21: prompts created offline must reach the phone).</summary>
    public static void OnSocketConnected(Tx tx, SocketConnected e)
    {
        var s = tx.S;
        var connects = s.Connection.SessionConnects + 1;
        tx.S = s with { Connection = s.Connection with { SessionSocket = true, SessionConnects = connects } };

        if (!MutantSwitches.IsArmed(Mutant.RpcHandlersLostAfterReconnect) || connects == 1)
        {
            tx.Emit(new RegisterRpcMethods());
        }

        if (tx.IsFinished)
        {
            // Nothing runs any more, but a final state that never reached the relay still goes out.
            if (tx.S.Persist is { Dirty: true, InFlightSeq: null, DebounceArmed: false })
            {
                PersistenceReducer.PersistDebounced(tx);
            }

            return;
        }

        EmitActivity(tx, e.NowMs);
        ArmKeepAlive(tx);
        InboundReducer.OnSocketConnected(tx);
        PersistenceReducer.PersistDebounced(tx);
    }

    public static void OnSocketDisconnected(Tx tx)
    {
        var s = tx.S;
        tx.S = s with { Connection = s.Connection with { SessionSocket = false }, KeepAliveToken = 0 };
        if (s.KeepAliveToken != 0)
        {
            tx.Emit(new CancelTimer(SessionTimers.KeepAlive));
        }

        InboundReducer.OnSocketDisconnected(tx);
    }

    /// <summary>Keep-alive: <c>session-alive</c> with the current Working every 30 s while connected.</summary>
    public static void OnKeepAlive(Tx tx, TimerFired e)
    {
        var s = tx.S;
        if (e.Token != s.KeepAliveToken || s.KeepAliveToken == 0)
        {
            return; // stale fire
        }

        if (!s.Connection.SessionSocket || tx.IsFinished)
        {
            tx.S = s with { KeepAliveToken = 0 };
            return;
        }

        EmitActivity(tx, e.NowMs);
        ArmKeepAlive(tx);
    }

    /// <summary>Sets Working; a change is reported to the server (fixed: switches also report the end of a turn).</summary>
    public static void SetWorking(Tx tx, bool working, long nowMs)
    {
        if (tx.S.Working == working)
        {
            return;
        }

        tx.S = tx.S with { Working = working };
        EmitActivity(tx, nowMs);
    }

    private static void EmitActivity(Tx tx, long nowMs)
    {
        if (!tx.HasSessionId)
        {
            return;
        }

        var seq = tx.S.ActivitySeq + 1;
        tx.S = tx.S with { ActivitySeq = seq };
        tx.Emit(new EmitSessionAlive(tx.S.Working, nowMs, seq));
    }

    private static void ArmKeepAlive(Tx tx)
    {
        var token = tx.NextTimerToken();
        tx.S = tx.S with { KeepAliveToken = token };
        tx.Emit(new ArmTimer(SessionTimers.KeepAlive, token, tx.S.Settings.Timings.KeepAliveMs));
    }
}
