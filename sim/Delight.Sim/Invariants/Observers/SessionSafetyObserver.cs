using Delight.Runtime.Actor;
using Delight.Runtime.Session;
using Delight.Sim.Recording;
using Delight.Sim.Replay;

namespace Delight.Sim.Invariants.Observers;

/// <summary>
/// Watches every transition of the real CLI <see cref="SessionRuntime"/> on its loop: logs it (so reports show who did
/// what), checks the transition-level safety invariants shared with replay (<see cref="ReplayInvariants"/>: versions
/// never go back, no runner start after Shutdown, generations increase, each reply and decision completed once, each
/// message handed to the agent at most once), that Closing/Closed stay absorbing after Shutdown, and reports phone
/// messages the session gave up on (it prints "phone message X not delivered/ignored" on the desktop).
/// </summary>
public sealed class SessionSafetyObserver(InvariantChecker invariants, SimLog log, Action<string>? messageReportedFailed = null, ReducedAsks? reducedAsks = null)
    : IActorObserver<SessionState, SessionEvent, SessionCommand>
{
    private readonly ReplayInvariants _checks = new();
    private Shape? _committed;

    public void OnTransition(SessionState previous, SessionEvent @event, SessionState next, ReadOnlySpan<SessionCommand> commands)
    {
        log.Add("cli", "reduce", $"{@event.GetType().Name} => {next.Fsm} gen {next.RunnerGen} v{next.AgentStateVersion} ({commands.Length} commands)");
        // A committed state is a value: the state the loop hands to the next reduction must still have the shape it had
        // when it was committed, or the reducer wrote through a collection the two states share (1.8).
        if (_committed is { } committed && ReferenceEquals(committed.State, previous))
        {
            var now = Shape.Of(previous);
            invariants.Check(now == committed, InvariantNames.StateNeverMutatedAfterCommit,
                $"reducing {@event.GetType().Name} changed the previous state in place: {committed.Counts} when committed, {now.Counts} now");
        }

        _committed = Shape.Of(next);
        if (_checks.Check(previous, @event, next, commands) is { } violation)
        {
            invariants.Fail(Map(violation.Invariant), violation.Detail);
        }

        if (@event is PermissionAwaited ask)
        {
            reducedAsks?.Add(ask.RequestId);
        }

        if (previous.ShutdownRequested)
        {
            invariants.Check(next.ShutdownRequested && next.Fsm is FsmState.Closing or FsmState.Closed, InvariantNames.NoRunnerAfterShutdown,
                $"left {previous.Fsm} for {next.Fsm} after Shutdown was reduced (on {@event.GetType().Name})");
        }

        foreach (var command in commands)
        {
            if (command is PrintToDesktop print && FailedMessage(print.Text) is { } localId)
            {
                log.Add("cli", "message-failed", print.Text);
                messageReportedFailed?.Invoke(localId);
            }
        }
    }

    /// <summary>"phone message L0-1 not delivered: ..." or "phone message L0-1 ignored: ..." → L0-1.</summary>
    private static string? FailedMessage(string text)
    {
        const string prefix = "phone message ";
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = text[prefix.Length..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return null;
        }

        var verdict = rest[(space + 1)..];
        return verdict.StartsWith("not delivered", StringComparison.Ordinal) || verdict.StartsWith("ignored", StringComparison.Ordinal)
            ? rest[..space]
            : null;
    }

    private static string Map(string replayInvariant) => replayInvariant switch
    {
        ReplayInvariants.VersionMonotonic => InvariantNames.AgentStateVersionMonotonic,
        ReplayInvariants.NoStartAfterShutdown => InvariantNames.NoRunnerAfterShutdown,
        ReplayInvariants.GenerationsIncrease => InvariantNames.AtMostOneRunner,
        ReplayInvariants.ReplyOnce => InvariantNames.NoReplyBeforeCommit,
        ReplayInvariants.DecisionOnce => InvariantNames.PermissionResolvedOnce,
        ReplayInvariants.MessageAtMostOnce => InvariantNames.PhoneMessagesAtMostOnceInOrder,
        _ => replayInvariant,
    };

    /// <summary>The sizes of the state's collections, taken at commit (the cheap part of a deep comparison that in-place
    /// writes cannot escape: they add or remove entries).</summary>
    private sealed record Shape(SessionState State, string Counts)
    {
        public static Shape Of(SessionState s) => new(s, string.Join(',',
            s.AgentState.Requests.Count, s.AgentState.CompletedRequests.Count, s.PendingPermissions.Count,
            s.PendingSwitches.Count, s.BufferedMessages.Count, s.Inbound.Held.Count));
    }
}
