using Delight.Runtime.Agents;
using Delight.Runtime.Session;
using NUnit.Framework;
using static Delight.Runtime.Tests.Session.SessionFixtures;

namespace Delight.Runtime.Tests.Session;

/// <summary>Cells of RUNTIME.md §3.2-§3.6 the other tables leave out: Ready or Exit of the mode the FSM does not
/// expect, abort while starting, stale persist failures, monotonic versions on a mismatch, the 200-entry cap of
/// <c>completedRequests</c> (§2.2) and an await without a request id.</summary>
[TestFixture]
public sealed class EdgeCellReducerTableTests
{
    private static SessionState WithCompleted(SessionState s, int count)
    {
        var completed = AgentStateDoc.EmptyCompleted;
        for (var i = 0; i < count; i++)
        {
            completed = completed.SetItem($"old-{i:000}", new CompletedRequestRecord("Read", "{}", true, null, i));
        }

        return s with { AgentState = s.AgentState with { CompletedRequests = completed } };
    }

    public static IEnumerable<TestCaseData> Rows() => new ReducerRow[]
    {
        // §3.2: HEAD applies Ready(G) whatever the mode ("same (even though a remote start is expected)").
        new("ReadyL_at_G_while_RemoteStarting_is_ignored", RemoteStarting(2).WithPendingSwitch(5, AgentMode.Remote).WithBuffered(Msg(1)), new RunnerReady(2, AgentMode.Local, Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.RemoteStarting));
            Assert.That(s.PendingSwitches, Has.Count.EqualTo(1), "the remote caller still waits for the remote Ready");
            Assert.That(s.BufferedMessages, Has.Count.EqualTo(1));
            Assert.That(c, Is.Empty);
        }),
        new("ReadyR_at_G_while_LocalStarting_is_ignored", LocalStarting(1).WithPendingSwitch(5, AgentMode.Local), new RunnerReady(1, AgentMode.Remote, Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.LocalStarting));
            Assert.That(c, Is.Empty);
        }),
        new("ExitR_at_G_while_LocalRunning_is_ignored", LocalRunning(3), new RunnerExited(3, AgentMode.Remote, "x", Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.LocalRunning));
            Assert.That(c, Is.Empty);
        }),

        // §3.3
        new("Abort_while_RemoteStarting_gets_ErrNotRemote", RemoteStarting(2), new AbortRequested(9, Now), (s, c) =>
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompleteReply(9, ReplyOutcome.Error(ReplyErrorCode.NotRemote, "not in remote mode")) }))),

        // §3.6
        new("Stale_failure_is_ignored", LocalRunning(1).InFlight(2), new PersistFailed(1, 3, "ack timeout"), (s, c) =>
        {
            Assert.That((s.Persist.InFlightSeq, s.Persist.DebounceArmed), Is.EqualTo(((long?)2, false)));
            Assert.That(c, Is.Empty);
        }),
        new("Mismatch_never_moves_the_version_backwards", LocalRunning(1).InFlight(1) with { AgentStateVersion = 9, Persist = LocalRunning(1).InFlight(1).Persist with { RetryBudget = 1 } },
            new PersistVersionMismatch(1, 9, 4), (s, c) =>
        {
            Assert.That(s.AgentStateVersion, Is.EqualTo(9));
            Assert.That(Single<PersistAgentState>(c).ExpectedVersion, Is.EqualTo(9));
        }),

        // §2.2 / §3.5: completedRequests is cleared once it holds more than 200 entries (the newest is kept).
        new("Completed_requests_at_200_are_kept", WithCompleted(RemoteRunning(2).WithPrompt(), 199), new PermissionDecided("r1", true, null, 9, Now), (s, c) =>
        {
            Assert.That(s.AgentState.CompletedRequests, Has.Count.EqualTo(200));
            Assert.That(s.AgentState.CompletedRequests.ContainsKey("r1"), Is.True);
        }),
        new("Completed_requests_past_200_are_cleared_keeping_the_newest", WithCompleted(RemoteRunning(2).WithPrompt(), 200), new PermissionDecided("r1", true, null, 9, Now), (s, c) =>
        {
            Assert.That(s.AgentState.CompletedRequests.Keys, Is.EqualTo(new[] { "r1" }));
            Assert.That(Single<CompleteReply>(c), Is.EqualTo(new CompleteReply(9, ReplyOutcome.Ok)));
        }),

        // §3.5 row 1: HEAD sends no ack and the engine retries forever; here the waiter gets a deny.
        new("Await_without_request_id_is_denied", RemoteRunning(2), new PermissionAwaited(2, "", "Bash", "{}", 77, Now), (s, c) =>
        {
            Assert.That(s.AgentState.Requests, Is.Empty);
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompletePermissionDecision(77, false, "invalid permission request") }));
        }),
    }.Select(r => r.ToCase());

    [TestCaseSource(nameof(Rows))]
    public void Transition(ReducerRow row)
    {
        var before = SessionJson.Canonical(row.Given);
        var t = Reduce(row.Given, row.When);
        row.Then(t.State, t.Commands);
        Assert.That(SessionJson.Canonical(row.Given), Is.EqualTo(before), "the reducer must not mutate its input");
    }
}
