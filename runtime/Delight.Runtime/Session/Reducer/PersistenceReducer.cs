using Delight.Runtime.Mutants;

namespace Delight.Runtime.Session;

/// <summary>
/// RUNTIME.md §3.6, fixed. CAS on the agent state version with a 150 ms debounce, a mismatch retry budget, re-persist on
/// reconnect (in <see cref="WorkingReducer.OnSocketConnected"/>), and these invariants: at most one
/// <c>update-state</c> in flight; an ack for any other request is stale and ignored; the version never decreases;
/// a change made while a request is in flight is sent when it completes (<see cref="PersistState.Dirty"/>).
/// </summary>
internal static class PersistenceReducer
{
    /// <summary>PersistDeb: (re)arm the 150 ms debounce timer.</summary>
    public static void PersistDebounced(Tx tx)
    {
        var token = tx.NextTimerToken();
        tx.S = tx.S with { Persist = tx.S.Persist with { DebounceArmed = true, DebounceToken = token, Dirty = true } };
        tx.Emit(new ArmTimer(SessionTimers.PersistDebounce, token, tx.S.Settings.Timings.PersistDebounceMs));
    }

    /// <summary>PersistNow: cancel the debounce and persist now, or as soon as the request in flight completes.</summary>
    public static void PersistNow(Tx tx)
    {
        var p = tx.S.Persist;
        if (p.DebounceArmed)
        {
            tx.Emit(new CancelTimer(SessionTimers.PersistDebounce));
        }

        tx.S = tx.S with { Persist = p with { DebounceArmed = false, Dirty = true } };
        if (p.InFlightSeq is null || MutantSwitches.IsArmed(Mutant.PersistAcksOutOfOrder))
        {
            Send(tx, resetBudget: true);
        }
    }

    /// <summary>evTimerFired(persist-agent-state) with the armed token.</summary>
    public static void OnDebounceFired(Tx tx, TimerFired e)
    {
        var p = tx.S.Persist;
        if (!p.DebounceArmed || e.Token != p.DebounceToken)
        {
            return; // stale fire (cancelled or re-armed since)
        }

        tx.S = tx.S with { Persist = p with { DebounceArmed = false } };
        if (p.InFlightSeq is null)
        {
            Send(tx, resetBudget: true);
        }
    }

    /// <summary>EvAgentStatePersisted(v).</summary>
    public static void OnSucceeded(Tx tx, PersistSucceeded e)
    {
        var s = tx.S;
        if (MutantSwitches.IsArmed(Mutant.PersistAcksOutOfOrder))
        {
            // Seeded defect (3.10-F): any ack sets the version, even an older one.
            tx.S = s with { AgentStateVersion = e.NewVersion, Persist = s.Persist with { InFlightSeq = null, Dirty = false } };
            AnswerWaiters(tx, null);
            return;
        }

        if (s.Persist.InFlightSeq != e.Seq)
        {
            return; // stale ack
        }

        tx.S = s with
        {
            AgentStateVersion = Math.Max(s.AgentStateVersion, e.NewVersion),
            Persist = s.Persist with { InFlightSeq = null },
        };
        AnswerWaiters(tx, null, upToSeq: e.Seq);
        if (tx.S.Persist is { Dirty: true, DebounceArmed: false })
        {
            Send(tx, resetBudget: true); // the change made meanwhile
        }
    }

    /// <summary>EvAgentStateVersionMismatch(sv): adopt the server version and retry while the budget lasts; after that,
    /// retry on the debounce (the state must not stay unpersisted, S6 variant 5).</summary>
    public static void OnMismatch(Tx tx, PersistVersionMismatch e)
    {
        var s = tx.S;
        if (s.Persist.InFlightSeq != e.Seq)
        {
            return;
        }

        tx.S = s with
        {
            AgentStateVersion = Math.Max(s.AgentStateVersion, e.ServerVersion),
            Persist = s.Persist with { InFlightSeq = null, Dirty = true },
        };
        if (s.Persist.RetryBudget > 0)
        {
            tx.S = tx.S with { Persist = tx.S.Persist with { RetryBudget = s.Persist.RetryBudget - 1 } };
            Send(tx, resetBudget: false);
            return;
        }

        AnswerWaiters(tx, ReplyOutcome.Error(ReplyErrorCode.PersistFailed, "agent state version mismatch"));
        PersistDebounced(tx);
    }

    /// <summary>EvAgentStatePersistFailed: retry on the debounce while connected (also once the session is finished:
    /// the final state, e.g. withdrawn prompts, must still reach the relay); offline, wait for the reconnect.</summary>
    public static void OnFailed(Tx tx, PersistFailed e)
    {
        var s = tx.S;
        if (s.Persist.InFlightSeq != e.Seq)
        {
            return;
        }

        tx.S = s with { Persist = s.Persist with { InFlightSeq = null, Dirty = true } };
        AnswerWaiters(tx, ReplyOutcome.Error(ReplyErrorCode.PersistFailed, $"agent state not persisted: {e.Error}"));
        if (s.Connection.SessionSocket)
        {
            PersistDebounced(tx);
        }
    }

    /// <summary>cmdWaitForAgentStatePersist.</summary>
    public static void OnWait(Tx tx, PersistWaitRequested e)
    {
        var p = tx.S.Persist;
        if (!p.Dirty && p.InFlightSeq is null && !p.DebounceArmed)
        {
            tx.Emit(new CompleteReply(e.ReplyId, ReplyOutcome.Ok));
            return;
        }

        tx.S = tx.S with { Persist = p with { Waiters = p.Waiters.Add(new PersistWaiter(e.ReplyId, WantsAgentState: false, WaiterMinSeq(p))) } };
        if (p.InFlightSeq is null)
        {
            PersistNow(tx);
        }
    }

    /// <summary>cmdSetAgentConfig: only while the phone controls a remote session. The reply waits for the persist and
    /// carries the persisted state and version (the agent-config RPC result).</summary>
    public static void OnAgentConfig(Tx tx, AgentConfigRequested e)
    {
        var s = tx.S;
        if (tx.IsFinished)
        {
            tx.Reply(e.ReplyId, Tx.ClosedError);
            return;
        }

        if (s.Mode != Agents.AgentMode.Remote || s.AgentState.ControlledByUser)
        {
            tx.Reply(e.ReplyId, ReplyOutcome.Error(ReplyErrorCode.NotRemote, "cannot update agent config: not in remote mode"));
            return;
        }

        var doc = s.AgentState;
        var next = doc with
        {
            Model = string.IsNullOrEmpty(e.Model) ? doc.Model : e.Model,
            PermissionMode = string.IsNullOrEmpty(e.PermissionMode) ? doc.PermissionMode : e.PermissionMode,
            ReasoningEffort = string.IsNullOrEmpty(e.ReasoningEffort) ? doc.ReasoningEffort : e.ReasoningEffort,
        };
        if (next == doc)
        {
            tx.Reply(e.ReplyId, new ReplyAgentState(AgentStateJson.Serialize(doc), s.AgentStateVersion));
            return;
        }

        tx.S = s with
        {
            AgentState = next,
            Persist = s.Persist with { Waiters = s.Persist.Waiters.Add(new PersistWaiter(e.ReplyId, WantsAgentState: true, s.Persist.NextSeq)) },
        };
        if (s.Fsm == FsmState.RemoteRunning)
        {
            tx.Emit(new ApplyAgentConfig(s.RunnerGen, next.Config));
        }

        PersistNow(tx);
    }

    /// <summary>cmdGetAgentEngineSettings.</summary>
    public static void OnAgentSettings(Tx tx, AgentSettingsRequested e)
    {
        var s = tx.S;
        var active = s.Fsm is FsmState.LocalRunning or FsmState.RemoteRunning;
        tx.Emit(new QueryAgentSettings(e.ReplyId, s.RunnerGen, s.AgentState.AgentType, s.AgentState.Config, active));
    }

    /// <summary>The seq of the request that will carry the current state: the one in flight already carries it only
    /// if nothing changed since it was sent.</summary>
    private static long WaiterMinSeq(PersistState p) => p.InFlightSeq is { } inFlight && !p.Dirty ? inFlight : p.NextSeq;

    private static void Send(Tx tx, bool resetBudget)
    {
        var s = tx.S;
        var seq = s.Persist.NextSeq;
        tx.S = s with
        {
            Persist = s.Persist with
            {
                InFlightSeq = seq,
                NextSeq = seq + 1,
                Dirty = false,
                RetryBudget = resetBudget ? s.Settings.Timings.MismatchRetryBudget : s.Persist.RetryBudget,
            },
        };
        tx.Emit(new PersistAgentState(seq, AgentStateJson.Serialize(s.AgentState), s.AgentStateVersion));
    }

    /// <summary>Completes the persist waiters: all of them with <paramref name="error"/>, or, on success, those whose
    /// change the request <paramref name="upToSeq"/> carried, with the persisted state.</summary>
    private static void AnswerWaiters(Tx tx, ReplyOutcome? error, long upToSeq = long.MaxValue)
    {
        var s = tx.S;
        var answered = s.Persist.Waiters.Where(w => error is not null || w.MinSeq <= upToSeq).ToList();
        if (answered.Count == 0)
        {
            return;
        }

        foreach (var waiter in answered)
        {
            var outcome = error ?? (waiter.WantsAgentState
                ? new ReplyAgentState(AgentStateJson.Serialize(s.AgentState), s.AgentStateVersion)
                : ReplyOutcome.Ok);
            tx.Emit(new CompleteReply(waiter.ReplyId, outcome));
        }

        tx.S = s with { Persist = s.Persist with { Waiters = s.Persist.Waiters.RemoveRange(answered) } };
    }
}
