using Delight.Runtime.Agents;
using Delight.Runtime.Session;
using NUnit.Framework;
using static Delight.Runtime.Tests.Session.SessionFixtures;

namespace Delight.Runtime.Tests.Session;

/// <summary>RUNTIME.md §3.10-D fixed (§10): once Shutdown is reduced, or the session ended after its local runner
/// exited, Closing and Closed are absorbing. Each row is an input HEAD lets through in a terminal state (a switch, the
/// takeback, an inbound message, a Ready at G) and that must start nothing here.</summary>
[TestFixture]
public sealed class AbsorbingEndReducerTableTests
{
    private static readonly ReplyOutcome Closed = ReplyOutcome.Error(ReplyErrorCode.Closed, "session is closed");

    /// <summary>Closed because the local runner exited (no shutdown): the CLI exits, so nothing restarts either.</summary>
    private static SessionState EndedByLocalExit() => With(FsmState.Closed, 1, AgentMode.Local);

    private static void StartsNothing(SessionState s, System.Collections.Immutable.ImmutableArray<SessionCommand> c, FsmState fsm, long gen)
    {
        Assert.That((s.Fsm, s.RunnerGen), Is.EqualTo((fsm, gen)));
        Assert.That(All<StartRunner>(c), Is.Empty);
        Assert.That(All<SendToAgent>(c), Is.Empty);
        Assert.That(All<InjectToAgent>(c), Is.Empty);
        Assert.That(s.BufferedMessages, Is.Empty);
    }

    internal static ReducerRow[] RowList() => new ReducerRow[]
    {
        new("SwitchL_in_Closed_after_shutdown_gets_ErrClosed", ClosedAfterShutdown(2), new SwitchModeRequested(AgentMode.Local, 5, Now), (s, c) =>
        {
            StartsNothing(s, c, FsmState.Closed, 2);
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompleteReply(5, Closed) }));
        }),
        new("DesktopTakeback_in_Closing_restarts_nothing", Closing(2), new DesktopTakeback(Now), (s, c) =>
        {
            StartsNothing(s, c, FsmState.Closing, 2);
            Assert.That(c, Is.Empty);
        }),
        new("DesktopTakeback_in_Closed_after_shutdown_restarts_nothing", ClosedAfterShutdown(2), new DesktopTakeback(Now), (s, c) =>
        {
            StartsNothing(s, c, FsmState.Closed, 2);
            Assert.That(c, Is.Empty);
        }),
        new("Inbound_in_Closed_after_shutdown_is_reported_not_buffered", ClosedAfterShutdown(2), new InboundUserMessage("hello", null, "p1", Now), (s, c) =>
        {
            StartsNothing(s, c, FsmState.Closed, 2);
            Assert.That(s.Working, Is.False);
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(PrintToDesktop) }));
        }),
        new("Inbound_after_the_local_runner_exited_restarts_nothing", EndedByLocalExit(), new InboundUserMessage("hello", null, "p1", Now), (s, c) =>
        {
            StartsNothing(s, c, FsmState.Closed, 1);
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(PrintToDesktop) }));
        }),
        new("SwitchR_after_the_local_runner_exited_gets_ErrClosed", EndedByLocalExit(), new SwitchModeRequested(AgentMode.Remote, 5, Now), (s, c) =>
        {
            StartsNothing(s, c, FsmState.Closed, 1);
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompleteReply(5, Closed) }));
        }),
        new("Ready_at_G_in_Closed_after_shutdown_changes_nothing", ClosedAfterShutdown(2), new RunnerReady(2, AgentMode.Remote, Now), (s, c) =>
        {
            StartsNothing(s, c, FsmState.Closed, 2);
            Assert.That(c, Is.Empty);
        }),
        new("Exit_at_G_in_Closed_after_shutdown_does_not_end_the_session_twice", ClosedAfterShutdown(2), new RunnerExited(2, AgentMode.Remote, "late", Now), (s, c) =>
        {
            StartsNothing(s, c, FsmState.Closed, 2);
            Assert.That(c, Is.Empty);
        }),
        new("LocalMessage_in_Closed_after_shutdown_gets_ErrClosed", ClosedAfterShutdown(2), new LocalUserMessage("hi", null, "c1", 9, Now), (s, c) =>
        {
            StartsNothing(s, c, FsmState.Closed, 2);
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompleteReply(9, Closed) }));
        }),
        new("Abort_in_Closing_gets_ErrClosed", Closing(2), new AbortRequested(9, Now), (s, c) =>
        {
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompleteReply(9, Closed) }));
        }),
        new("AgentConfig_in_Closing_gets_ErrClosed_and_changes_nothing", Closing(2), new AgentConfigRequested("opus", null, null, 9, Now), (s, c) =>
        {
            Assert.That(s.AgentState.Model, Is.Null);
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompleteReply(9, Closed) }));
        }),
        new("Failed_delivery_in_Closing_is_reported_not_redelivered", Closing(2), new AgentDeliveryFailed(2, AgentMode.Remote, Msg(1), "stopped", Now), (s, c) =>
        {
            StartsNothing(s, c, FsmState.Closing, 2);
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(PrintToDesktop) }));
        }),
        new("Await_in_Closed_after_shutdown_is_denied", ClosedAfterShutdown(2), new PermissionAwaited(2, "r1", "Bash", "{}", 77, Now), (s, c) =>
        {
            Assert.That(s.AgentState.Requests, Is.Empty);
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompletePermissionDecision(77, false, "session closed") }));
        }),
        new("KeepAlive_fire_in_Closing_sends_nothing_and_disarms", Closing(2) with { KeepAliveToken = 4 }, new TimerFired(SessionTimers.KeepAlive, 4, Now), (s, c) =>
        {
            Assert.That(s.KeepAliveToken, Is.Zero);
            Assert.That(c, Is.Empty);
        }),
        new("SocketConnected_in_Closing_starts_no_catch_up_activity_or_keepalive", Closing(2) with { Connection = ConnectionState.Initial }, new SocketConnected(Now), (s, c) =>
        {
            Assert.That(s.Connection.SessionSocket, Is.True);
            Assert.That(s.Inbound.CatchingUp, Is.False);
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(RegisterRpcMethods) }));
        }),
        new("SocketConnected_in_Closing_still_persists_an_unsent_final_state", Closing(2) with { Connection = ConnectionState.Initial, Persist = PersistState.Initial with { Dirty = true } }, new SocketConnected(Now), (s, c) =>
        {
            Assert.That(All<ArmTimer>(c).Select(t => t.Name), Is.EqualTo(new[] { SessionTimers.PersistDebounce }));
            Assert.That(All<EmitSessionAlive>(c), Is.Empty);
        }),
    };

    public static IEnumerable<TestCaseData> Rows() => RowList().Select(r => r.ToCase());

    [TestCaseSource(nameof(Rows))]
    public void Transition(ReducerRow row)
    {
        var before = SessionJson.Canonical(row.Given);
        var t = Reduce(row.Given, row.When);
        row.Then(t.State, t.Commands);
        Assert.That(SessionJson.Canonical(row.Given), Is.EqualTo(before), "the reducer must not mutate its input");
    }
}
