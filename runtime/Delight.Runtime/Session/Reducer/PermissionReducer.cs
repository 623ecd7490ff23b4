using System.Collections.Immutable;
using Delight.Runtime.Mutants;

namespace Delight.Runtime.Session;

/// <summary>
/// RUNTIME.md §3.5, fixed: every prompt ends resolved (a decision) or withdrawn (timeout, abort, switch, runner exit,
/// shutdown, or the engine stopped waiting). Both remove it from <c>agentState.requests</c>, record it in
/// <c>completedRequests</c> and persist, so the phone drops it; withdrawn waiters get a deny.
/// </summary>
internal static class PermissionReducer
{
    public const string ReadOnlyDenial = "denied (read-only mode)";

    public enum WithdrawCause
    {
        Timeout,
        Abort,
        Switch,
        Exit,
        Shutdown,
        EngineStoppedWaiting,
    }

    /// <summary>cmdPermissionAwait.</summary>
    public static void OnAwaited(Tx tx, PermissionAwaited e)
    {
        var s = tx.S;
        if (string.IsNullOrEmpty(e.RequestId) || string.IsNullOrEmpty(e.ToolName))
        {
            // HEAD sends no ack here and the engine retries forever; we answer with a deny instead.
            tx.Emit(new CompletePermissionDecision(e.DecisionId, false, "invalid permission request"));
            return;
        }

        if (tx.IsFinished)
        {
            tx.Emit(new CompletePermissionDecision(e.DecisionId, false, "session closed"));
            return;
        }

        if (e.Generation != s.RunnerGen)
        {
            tx.Emit(new CompletePermissionDecision(e.DecisionId, false, "runner replaced"));
            return;
        }

        var doc = s.AgentState;
        if (s.PendingPermissions.TryGetValue(e.RequestId, out var pending))
        {
            // Duplicate await: keep every waiter (none is orphaned) and re-emit the prompt; the phone dedupes by id.
            tx.S = s with { PendingPermissions = s.PendingPermissions.SetItem(e.RequestId, pending with { DecisionIds = pending.DecisionIds.Add(e.DecisionId) }) };
            EmitPrompt(tx, e);
            return;
        }

        if (doc.CompletedRequests.TryGetValue(e.RequestId, out var done))
        {
            // An await reduced after its decision (S5 g): answer with the recorded outcome; no ghost prompt.
            tx.Emit(new CompletePermissionDecision(e.DecisionId, done.Allow, done.Message));
            return;
        }

        if (doc.PermissionMode is "yolo" or "safe-yolo" or "read-only")
        {
            var allow = doc.PermissionMode != "read-only";
            var message = allow ? null : ReadOnlyDenial;
            tx.S = s with { AgentState = WithCompleted(doc, e.RequestId, new CompletedRequestRecord(e.ToolName, e.InputJson, allow, message, e.NowMs)) };
            PersistenceReducer.PersistNow(tx);
            tx.Emit(new CompletePermissionDecision(e.DecisionId, allow, message));
            return;
        }

        var requests = doc.Requests;
        if (MutantSwitches.IsArmed(Mutant.AliasedState))
        {
            requests = AliasedDictionary<string, PermissionRequestRecord>.Adopt(requests); // seeded defect (1.8)
        }

        var token = tx.NextTimerToken();
        tx.S = tx.S with
        {
            AgentState = doc with { Requests = requests.SetItem(e.RequestId, new PermissionRequestRecord(e.ToolName, e.InputJson, e.NowMs)) },
            PendingPermissions = tx.S.PendingPermissions.SetItem(e.RequestId, new PendingPermission(e.RequestId, e.Generation, [e.DecisionId], token)),
        };
        EmitPrompt(tx, e);
        tx.Emit(new ArmTimer(SessionTimers.PermissionTimeout(e.RequestId), token, s.Settings.Timings.PermissionTimeoutMs));
        PersistenceReducer.PersistDebounced(tx);
    }

    /// <summary>The permission ephemeral; suppressed while the session has no server id (§2.1): the prompt is still kept
    /// in the agent state, which reaches the phone once the session exists.</summary>
    private static void EmitPrompt(Tx tx, PermissionAwaited e)
    {
        if (tx.HasSessionId)
        {
            tx.Emit(new EmitPermissionRequest(e.RequestId, e.ToolName, e.InputJson));
        }
    }

    /// <summary>cmdPermissionDecision: the phone answered. Unknown ids (never asked, already answered, withdrawn) get an
    /// error reply that the RPC reports.</summary>
    public static void OnDecided(Tx tx, PermissionDecided e)
    {
        var s = tx.S;
        if (string.IsNullOrEmpty(e.RequestId) || !s.AgentState.Requests.TryGetValue(e.RequestId, out var request))
        {
            tx.Reply(e.ReplyId, ReplyOutcome.Error(ReplyErrorCode.UnknownPermissionRequest, $"unknown permission request: {e.RequestId}"));
            return;
        }

        var decisionIds = s.PendingPermissions.TryGetValue(e.RequestId, out var pending) ? pending.DecisionIds : [];
        Complete(tx, e.RequestId, request, e.Allow, e.Message, e.NowMs);
        foreach (var id in decisionIds)
        {
            tx.Emit(new CompletePermissionDecision(id, e.Allow, e.Message));
        }

        PersistenceReducer.PersistDebounced(tx);
        tx.Reply(e.ReplyId, ReplyOutcome.Ok);
    }

    /// <summary>The engine stopped waiting for one decision id (its token was cancelled).</summary>
    public static void OnWithdrawn(Tx tx, PermissionWithdrawn e)
    {
        var s = tx.S;
        if (!s.PendingPermissions.TryGetValue(e.RequestId, out var pending) || !pending.DecisionIds.Contains(e.DecisionId))
        {
            return; // already resolved or withdrawn
        }

        var remaining = pending.DecisionIds.Remove(e.DecisionId);
        if (remaining.IsEmpty)
        {
            Withdraw(tx, e.RequestId, $"withdrawn: {e.Reason}", e.NowMs, WithdrawCause.EngineStoppedWaiting);
        }
        else
        {
            tx.Emit(new CompletePermissionDecision(e.DecisionId, false, e.Reason));
            tx.S = s with { PendingPermissions = s.PendingPermissions.SetItem(e.RequestId, pending with { DecisionIds = remaining }) };
        }
    }

    /// <summary>The timeout timer of a prompt fired.</summary>
    public static void OnTimeout(Tx tx, string requestId, TimerFired e)
    {
        if (tx.S.PendingPermissions.TryGetValue(requestId, out var pending) && pending.TimeoutToken == e.Token)
        {
            Withdraw(tx, requestId, "permission request timed out", e.NowMs, WithdrawCause.Timeout);
        }
    }

    /// <summary>Withdraws every pending prompt (switch, abort, runner exit, shutdown).</summary>
    public static void WithdrawAll(Tx tx, string reason, long nowMs, WithdrawCause cause)
    {
        foreach (var requestId in tx.S.PendingPermissions.Keys.ToList())
        {
            Withdraw(tx, requestId, reason, nowMs, cause);
        }
    }

    /// <summary>Denies every waiter of the prompt and removes it from the phone (requests → completedRequests, persist).</summary>
    private static void Withdraw(Tx tx, string requestId, string reason, long nowMs, WithdrawCause cause)
    {
        var s = tx.S;
        if (!s.PendingPermissions.TryGetValue(requestId, out var pending))
        {
            return;
        }

        foreach (var id in pending.DecisionIds)
        {
            tx.Emit(new CompletePermissionDecision(id, false, reason));
        }

        if (MutantSwitches.IsArmed(Mutant.GhostPermissionPrompts))
        {
            // Seeded defect (3.5): the engine got its deny, but the prompt and its promise stay on the phone.
            _ = cause;
            return;
        }

        if (s.AgentState.Requests.TryGetValue(requestId, out var request))
        {
            Complete(tx, requestId, request, false, reason, nowMs);
        }
        else
        {
            tx.Emit(new CancelTimer(pending.TimerName));
            tx.S = s with { PendingPermissions = s.PendingPermissions.Remove(requestId) };
        }

        PersistenceReducer.PersistDebounced(tx);
    }

    /// <summary>requests[id] → completedRequests[id]; the waiter entry goes away.</summary>
    private static void Complete(Tx tx, string requestId, PermissionRequestRecord request, bool allow, string? message, long nowMs)
    {
        var s = tx.S;
        if (s.PendingPermissions.TryGetValue(requestId, out var pending))
        {
            tx.Emit(new CancelTimer(pending.TimerName));
        }

        var doc = s.AgentState with { Requests = s.AgentState.Requests.Remove(requestId) };
        tx.S = s with
        {
            AgentState = WithCompleted(doc, requestId, new CompletedRequestRecord(request.ToolName, request.InputJson, allow, message, nowMs)),
            PendingPermissions = s.PendingPermissions.Remove(requestId),
        };
    }

    private static AgentStateDoc WithCompleted(AgentStateDoc doc, string requestId, CompletedRequestRecord record)
    {
        var completed = doc.CompletedRequests.SetItem(requestId, record);
        if (completed.Count > AgentStateDoc.CompletedRequestsLimit)
        {
            // §2.2: cleared completely past 200 entries; the newest one is kept so a late await retry still finds it.
            completed = AgentStateDoc.EmptyCompleted.SetItem(requestId, record);
        }

        return doc with { CompletedRequests = completed };
    }
}
