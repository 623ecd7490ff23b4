using Delight.Runtime.Agents;
using Delight.Runtime.Mutants;

namespace Delight.Runtime.Session;

/// <summary>RUNTIME.md §3.2: switches, Ready, Exited, Shutdown. Generations are stamped by the engine with the value it
/// got at start, so <c>gen == G</c> really means "the runner started last".</summary>
internal static class LifecycleReducer
{
    /// <summary>cmdSwitchMode / evDesktopTakeback (§3.2 rows 1-2, with the reply policy of <see cref="PendingSwitch"/>).</summary>
    public static void OnSwitch(Tx tx, AgentMode target, long? replyId, long nowMs)
    {
        if (tx.IsFinished)
        {
            tx.Reply(replyId, Tx.ClosedError);
            return;
        }

        if (target is not (AgentMode.Local or AgentMode.Remote))
        {
            // Fixed: an invalid mode changes nothing (HEAD bumps G and makes a starting runner stale).
            tx.Reply(replyId, ReplyOutcome.Error(ReplyErrorCode.InvalidMode, $"unknown mode: {target}"));
            return;
        }

        var (running, starting) = target == AgentMode.Remote
            ? (FsmState.RemoteRunning, FsmState.RemoteStarting)
            : (FsmState.LocalRunning, FsmState.LocalStarting);

        if (tx.S.Fsm == running)
        {
            tx.Reply(replyId, new ReplyMode(target)); // no-op switch
            return;
        }

        if (tx.S.Fsm == starting)
        {
            AddPendingSwitch(tx, replyId, target); // join the start already under way; no new generation
            return;
        }

        SupersedeSwitches(tx, target);
        SwitchTo(tx, target, nowMs, persistNow: true);
        AddPendingSwitch(tx, replyId, target);
    }

    /// <summary>Switch→R / Switch→L: G := G+1, stop the current runner, start the target one at the new generation.</summary>
    public static void SwitchTo(Tx tx, AgentMode target, long nowMs, bool persistNow)
    {
        var s = tx.S;
        var previousGen = s.RunnerGen;
        var previousMode = RunnerModeOf(s.Fsm);
        var g = previousGen + 1;

        PermissionReducer.WithdrawAll(tx, "runner switched", nowMs, PermissionReducer.WithdrawCause.Switch);
        WorkingReducer.SetWorking(tx, false, nowMs); // fixed: the phone is told the turn ended
        if (!MutantSwitches.IsArmed(Mutant.TakebackWatcherOutlivesRemote))
        {
            StopTakeback(tx); // seeded defect when armed: the watcher keeps the terminal after a switch
        }
        tx.S = tx.S with
        {
            RunnerGen = g,
            Mode = target,
            Fsm = target == AgentMode.Remote ? FsmState.RemoteStarting : FsmState.LocalStarting,
            AgentState = tx.S.AgentState with { ControlledByUser = target == AgentMode.Local },
        };

        if (previousMode is { } mode)
        {
            tx.Emit(new StopRunner(previousGen, mode, Silent: false));
        }

        tx.Emit(target == AgentMode.Remote
            ? new StartRunner(g, AgentMode.Remote, tx.S.ResumeToken, null, tx.S.AgentState.Config)
            : new StartRunner(g, AgentMode.Local, tx.S.ResumeToken, tx.S.RolloutPath, tx.S.AgentState.Config));

        if (persistNow)
        {
            PersistenceReducer.PersistNow(tx);
        }
        else
        {
            PersistenceReducer.PersistDebounced(tx);
        }
    }

    /// <summary>evRunnerReady(G, mode).</summary>
    public static void OnReady(Tx tx, RunnerReady e)
    {
        var s = tx.S;
        if (e.Generation != s.RunnerGen)
        {
            return; // a replaced runner
        }

        if (tx.IsFinished)
        {
            // Fixed (3.10-D): a start that was in flight at Shutdown does not cancel it; stop it again.
            if (s.Fsm == FsmState.Closing)
            {
                tx.Emit(new StopRunner(e.Generation, e.Mode, Silent: true));
            }

            return;
        }

        if (s.Fsm == FsmState.LocalStarting && e.Mode == AgentMode.Local)
        {
            tx.S = s with { Fsm = FsmState.LocalRunning };
            AnswerSwitches(tx, new ReplyMode(AgentMode.Local));
            MessageReducer.FlushBufferToLocal(tx, e.NowMs);
        }
        else if (s.Fsm == FsmState.RemoteStarting && e.Mode == AgentMode.Remote)
        {
            tx.S = s with { Fsm = FsmState.RemoteRunning };
            AnswerSwitches(tx, new ReplyMode(AgentMode.Remote));
            StartTakeback(tx);
            tx.Emit(new ApplyAgentConfig(e.Generation, tx.S.AgentState.Config));
            MessageReducer.FlushBufferToRemote(tx);
        }
        else if (MutantSwitches.IsArmed(Mutant.RunnerRestartedWhileClosing) && s.Fsm == FsmState.Closing)
        {
            // Seeded defect (3.10-D): a Ready at G in Closing cancels the shutdown.
            tx.S = s with { Fsm = e.Mode == AgentMode.Local ? FsmState.LocalRunning : FsmState.RemoteRunning, Mode = e.Mode };
            AnswerSwitches(tx, new ReplyMode(e.Mode));
        }

        // A duplicate Ready of a running runner changes nothing.
    }

    /// <summary>evRunnerExited(G, mode, err) (also a failed start).</summary>
    public static void OnExited(Tx tx, long generation, AgentMode mode, string? error, long nowMs)
    {
        var s = tx.S;
        if (generation != s.RunnerGen)
        {
            return; // a replaced runner's late exit (fix for 3.10-A: the engine stamped it at start)
        }

        switch (s.Fsm)
        {
            case FsmState.Closing:
                EndSession(tx, error ?? s.LastExitError);
                break;

            case FsmState.LocalStarting when mode == AgentMode.Local:
                // Fixed (3.10-C): no runner is left, so say so instead of claiming LocalRunning.
                AnswerSwitches(tx, ReplyOutcome.Error(ReplyErrorCode.StartFailed, error ?? "local runner exited before it was ready"));
                DropBuffered(tx, "local runner failed to start");
                PermissionReducer.WithdrawAll(tx, "runner exited", nowMs, PermissionReducer.WithdrawCause.Exit);
                EndSession(tx, error);
                break;

            case FsmState.LocalRunning when mode == AgentMode.Local:
                PermissionReducer.WithdrawAll(tx, "runner exited", nowMs, PermissionReducer.WithdrawCause.Exit);
                EndSession(tx, error);
                break;

            case FsmState.RemoteStarting when mode == AgentMode.Remote:
                // Remote start failed: answer the switch callers, fall back to a real local runner (3.10-C fix) and keep
                // the buffered phone messages: they are injected into it once it is ready.
                AnswerSwitches(tx, ReplyOutcome.Error(ReplyErrorCode.StartFailed, error ?? "remote runner exited before it was ready"));
                if (MutantSwitches.IsArmed(Mutant.BufferedMessagesDroppedOnFailedStart))
                {
                    tx.S = tx.S with { BufferedMessages = [] }; // seeded defect: injected into a dead runner, i.e. lost
                }

                FallBackToLocal(tx, error, nowMs);
                break;

            case FsmState.RemoteRunning when mode == AgentMode.Remote:
                FallBackToLocal(tx, error, nowMs); // F4
                break;
        }
    }

    /// <summary>The remote runner died (or never started): G+1, LocalStarting, controlledByUser=true, StopR, StartL,
    /// debounced persist.</summary>
    public static void FallBackToLocal(Tx tx, string? error, long nowMs)
    {
        tx.Print(error is null ? "remote runner exited; returning to local mode" : $"remote runner exited ({error}); returning to local mode");
        SwitchTo(tx, AgentMode.Local, nowMs, persistNow: false);
        tx.S = tx.S with { LastExitError = error };
    }

    /// <summary>A stop completed. Only Closing cares: engines that emit no exit on stop still reach Closed.</summary>
    public static void OnStopped(Tx tx, RunnerStopped e)
    {
        if (tx.S.Fsm == FsmState.Closing && tx.S.ShutdownRequested && e.Generation == tx.S.RunnerGen)
        {
            EndSession(tx, tx.S.LastExitError);
        }
    }

    /// <summary>cmdShutdown: →Closing, stop both runners; from then on Closing and Closed are absorbing.</summary>
    public static void OnShutdown(Tx tx, Shutdown e)
    {
        var s = tx.S;
        if (s.ShutdownRequested)
        {
            tx.Reply(e.ReplyId, ReplyOutcome.Ok);
            return;
        }

        PermissionReducer.WithdrawAll(tx, "session closed", e.NowMs, PermissionReducer.WithdrawCause.Shutdown);
        AnswerSwitches(tx, Tx.ClosedError);
        DropBuffered(tx, "session closed");
        WorkingReducer.SetWorking(tx, false, e.NowMs);
        StopTakeback(tx);
        tx.S = tx.S with { ShutdownRequested = true };

        if (s.Fsm == FsmState.Closed)
        {
            EndSession(tx, s.LastExitError);
        }
        else
        {
            tx.S = tx.S with { Fsm = FsmState.Closing };
            tx.Emit(new StopRunner(s.RunnerGen, AgentMode.Local, Silent: false));
            tx.Emit(new StopRunner(s.RunnerGen, AgentMode.Remote, Silent: true));
        }

        tx.Reply(e.ReplyId, ReplyOutcome.Ok);
    }

    /// <summary>Every switch caller still waiting gets this outcome, exactly once.</summary>
    public static void AnswerSwitches(Tx tx, ReplyOutcome outcome)
    {
        foreach (var pending in tx.S.PendingSwitches)
        {
            tx.Emit(new CompleteReply(pending.ReplyId, outcome));
        }

        tx.S = tx.S with { PendingSwitches = [] };
    }

    private static void AddPendingSwitch(Tx tx, long? replyId, AgentMode target)
    {
        if (replyId is not { } id)
        {
            return;
        }

        tx.S = tx.S with
        {
            PendingSwitches = MutantSwitches.IsArmed(Mutant.SecondSwitchOrphansFirst)
                ? [new PendingSwitch(id, target)] // seeded defect (3.10-B): one slot, the earlier caller is orphaned
                : tx.S.PendingSwitches.Add(new PendingSwitch(id, target)),
        };
    }

    /// <summary>Callers waiting for the other mode are overtaken: they get a defined "superseded" error now.</summary>
    private static void SupersedeSwitches(Tx tx, AgentMode target)
    {
        if (MutantSwitches.IsArmed(Mutant.SecondSwitchOrphansFirst))
        {
            return;
        }

        var keep = tx.S.PendingSwitches;
        foreach (var pending in tx.S.PendingSwitches.Where(p => p.Target != target))
        {
            tx.Emit(new CompleteReply(pending.ReplyId, ReplyOutcome.Error(ReplyErrorCode.Superseded, $"superseded by a switch to {target.ToString().ToLowerInvariant()}")));
            keep = keep.Remove(pending);
        }

        tx.S = tx.S with { PendingSwitches = keep };
    }

    private static void EndSession(Tx tx, string? error)
    {
        // Closed after a runner ran has already reported the end; the initial Closed has not.
        var alreadyEnded = tx.S.Fsm == FsmState.Closed && tx.S.RunnerGen > 0;
        StopTakeback(tx);
        tx.S = tx.S with { Fsm = FsmState.Closed, LastExitError = error, Working = false };
        if (tx.S.KeepAliveToken != 0)
        {
            tx.Emit(new CancelTimer(SessionTimers.KeepAlive));
            tx.S = tx.S with { KeepAliveToken = 0 };
        }

        if (!alreadyEnded)
        {
            tx.Emit(new SessionEnded(error));
        }
    }

    /// <summary>TB+ once the remote runner is ready: the desktop can take control back from then on.</summary>
    private static void StartTakeback(Tx tx)
    {
        if (!tx.S.TakebackWatching)
        {
            tx.S = tx.S with { TakebackWatching = true };
            tx.Emit(new StartTakebackWatcher());
        }
    }

    /// <summary>TB- whenever the remote runner stops being the one that runs (switch, crash fallback, shutdown, end).</summary>
    private static void StopTakeback(Tx tx)
    {
        if (tx.S.TakebackWatching)
        {
            tx.S = tx.S with { TakebackWatching = false };
            tx.Emit(new StopTakebackWatcher());
        }
    }

    private static void DropBuffered(Tx tx, string why)
    {
        foreach (var m in tx.S.BufferedMessages)
        {
            tx.Print($"phone message {m.LocalId} not delivered: {why}");
        }

        tx.S = tx.S with { BufferedMessages = [] };
    }

    /// <summary>Which runner the FSM state expects (the one a switch must stop).</summary>
    private static AgentMode? RunnerModeOf(FsmState fsm) => fsm switch
    {
        FsmState.LocalStarting or FsmState.LocalRunning => AgentMode.Local,
        FsmState.RemoteStarting or FsmState.RemoteRunning => AgentMode.Remote,
        _ => null,
    };
}
