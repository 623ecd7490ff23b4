using System.Collections.Immutable;
using Delight.Runtime.Agents;
using Delight.Runtime.Session;
using NUnit.Framework;
using static Delight.Runtime.Tests.Session.SessionFixtures;

namespace Delight.Runtime.Tests.Session;

/// <summary>RUNTIME.md §3.2, one row per (FSM state × input) cell, with the fixes of §3.10 (B, C, D) and §10.</summary>
[TestFixture]
public sealed class LifecycleReducerTableTests
{
    private static readonly ReplyMode RemoteReply = new(AgentMode.Remote);
    private static readonly ReplyMode LocalReply = new(AgentMode.Local);

    public static IEnumerable<TestCaseData> Rows() => new ReducerRow[]
    {
        // ---- cmdSwitchMode(remote, r) ----
        new("SwitchR_from_initial_Closed_starts_remote", Initial(), new SwitchModeRequested(AgentMode.Remote, 5, Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.RemoteStarting));
            Assert.That(s.RunnerGen, Is.EqualTo(1));
            Assert.That(s.Mode, Is.EqualTo(AgentMode.Remote));
            Assert.That(s.AgentState.ControlledByUser, Is.False);
            Assert.That(s.PendingSwitches, Is.EqualTo(new[] { new PendingSwitch(5, AgentMode.Remote) }));
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(StartRunner), nameof(PersistAgentState) }));
            Assert.That(Single<StartRunner>(c), Is.EqualTo(new StartRunner(1, AgentMode.Remote, null, null, AgentConfig.Empty)));
        }),
        new("SwitchR_from_LocalStarting_stops_local_and_starts_remote_at_g_plus_1", LocalStarting(1), new SwitchModeRequested(AgentMode.Remote, 5, Now), (s, c) =>
        {
            Assert.That((s.Fsm, s.RunnerGen), Is.EqualTo((FsmState.RemoteStarting, 2L)));
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(StopRunner), nameof(StartRunner), nameof(PersistAgentState) }));
            Assert.That(Single<StopRunner>(c), Is.EqualTo(new StopRunner(1, AgentMode.Local, false)));
        }),
        new("SwitchR_from_LocalRunning_stops_local_and_starts_remote", LocalRunning(1) with { Working = true }, new SwitchModeRequested(AgentMode.Remote, 5, Now), (s, c) =>
        {
            Assert.That((s.Fsm, s.RunnerGen, s.Working), Is.EqualTo((FsmState.RemoteStarting, 2L, false)));
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(EmitSessionAlive), nameof(StopRunner), nameof(StartRunner), nameof(PersistAgentState) }));
            Assert.That(Single<EmitSessionAlive>(c).Working, Is.False, "a switch ends the turn on the server too");
            Assert.That(Single<PersistAgentState>(c).AgentStateJson, Does.Contain("\"controlledByUser\":false"));
        }),
        new("SwitchR_while_RemoteStarting_joins_the_start_without_a_new_generation", RemoteStarting(2).WithPendingSwitch(4, AgentMode.Remote), new SwitchModeRequested(AgentMode.Remote, 5, Now), (s, c) =>
        {
            Assert.That((s.Fsm, s.RunnerGen), Is.EqualTo((FsmState.RemoteStarting, 2L)));
            Assert.That(s.PendingSwitches.Select(p => p.ReplyId), Is.EqualTo(new long[] { 4, 5 }));
            Assert.That(c, Is.Empty);
        }),
        new("SwitchR_while_RemoteRunning_is_a_noop_with_a_reply", RemoteRunning(2), new SwitchModeRequested(AgentMode.Remote, 5, Now), (s, c) =>
        {
            Assert.That((s.Fsm, s.RunnerGen), Is.EqualTo((FsmState.RemoteRunning, 2L)));
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompleteReply(5, RemoteReply) }));
        }),
        new("SwitchR_in_Closing_gets_ErrClosed_and_restarts_nothing", Closing(2), new SwitchModeRequested(AgentMode.Remote, 5, Now), (s, c) =>
        {
            Assert.That((s.Fsm, s.RunnerGen), Is.EqualTo((FsmState.Closing, 2L)));
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompleteReply(5, ReplyOutcome.Error(ReplyErrorCode.Closed, "session is closed")) }));
        }),
        new("SwitchR_in_Closed_after_shutdown_gets_ErrClosed", ClosedAfterShutdown(2), new SwitchModeRequested(AgentMode.Remote, 5, Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.Closed));
            Assert.That(Single<CompleteReply>(c).Outcome, Is.InstanceOf<ReplyError>().With.Property("Code").EqualTo(ReplyErrorCode.Closed));
            Assert.That(All<StartRunner>(c), Is.Empty);
        }),

        // ---- cmdSwitchMode(local, r) ----
        new("SwitchL_from_initial_Closed_starts_local", Initial(), new SwitchModeRequested(AgentMode.Local, 5, Now), (s, c) =>
        {
            Assert.That((s.Fsm, s.RunnerGen, s.Mode), Is.EqualTo((FsmState.LocalStarting, 1L, AgentMode.Local)));
            Assert.That(s.AgentState.ControlledByUser, Is.True);
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(StartRunner), nameof(PersistAgentState) }));
            Assert.That(Single<StartRunner>(c).Mode, Is.EqualTo(AgentMode.Local));
        }),
        new("SwitchL_while_LocalStarting_joins", LocalStarting(1).WithPendingSwitch(4, AgentMode.Local), new SwitchModeRequested(AgentMode.Local, 5, Now), (s, c) =>
        {
            Assert.That(s.RunnerGen, Is.EqualTo(1));
            Assert.That(s.PendingSwitches, Has.Count.EqualTo(2));
            Assert.That(c, Is.Empty);
        }),
        new("SwitchL_while_LocalRunning_is_a_noop_with_a_reply", LocalRunning(1), new SwitchModeRequested(AgentMode.Local, 5, Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.LocalRunning));
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompleteReply(5, LocalReply) }));
        }),
        new("SwitchL_while_RemoteStarting_supersedes_the_remote_caller", RemoteStarting(2).WithPendingSwitch(4, AgentMode.Remote), new SwitchModeRequested(AgentMode.Local, 5, Now), (s, c) =>
        {
            Assert.That((s.Fsm, s.RunnerGen), Is.EqualTo((FsmState.LocalStarting, 3L)));
            Assert.That(s.PendingSwitches, Is.EqualTo(new[] { new PendingSwitch(5, AgentMode.Local) }));
            var superseded = All<CompleteReply>(c).Single();
            Assert.That(superseded.ReplyId, Is.EqualTo(4));
            Assert.That(superseded.Outcome, Is.InstanceOf<ReplyError>().With.Property("Code").EqualTo(ReplyErrorCode.Superseded));
            Assert.That(Single<StopRunner>(c), Is.EqualTo(new StopRunner(2, AgentMode.Remote, false)));
            Assert.That(Single<StartRunner>(c).Generation, Is.EqualTo(3));
        }),
        new("SwitchL_while_RemoteRunning_stops_remote_and_starts_local", RemoteRunning(2), new SwitchModeRequested(AgentMode.Local, 5, Now), (s, c) =>
        {
            Assert.That((s.Fsm, s.RunnerGen, s.AgentState.ControlledByUser), Is.EqualTo((FsmState.LocalStarting, 3L, true)));
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(StopRunner), nameof(StartRunner), nameof(PersistAgentState) }));
        }),
        new("SwitchL_in_Closing_gets_ErrClosed", Closing(2), new SwitchModeRequested(AgentMode.Local, 5, Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.Closing));
            Assert.That(All<StartRunner>(c), Is.Empty);
            Assert.That(Single<CompleteReply>(c).Outcome.IsError, Is.True);
        }),
        new("Switch_to_an_invalid_mode_changes_nothing", LocalStarting(1), new SwitchModeRequested((AgentMode)7, 5, Now), (s, c) =>
        {
            Assert.That((s.Fsm, s.RunnerGen), Is.EqualTo((FsmState.LocalStarting, 1L)), "HEAD bumps G here and strands the starting runner");
            Assert.That(Single<CompleteReply>(c).Outcome, Is.InstanceOf<ReplyError>().With.Property("Code").EqualTo(ReplyErrorCode.InvalidMode));
        }),
        new("DesktopTakeback_while_remote_is_a_switch_to_local_without_reply", RemoteRunning(2), new DesktopTakeback(Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.LocalStarting));
            Assert.That(All<CompleteReply>(c), Is.Empty);
        }),

        // ---- evRunnerReady(G, mode) ----
        new("ReadyL_in_LocalStarting_goes_LocalRunning_and_replies", LocalStarting(1).WithPendingSwitch(5, AgentMode.Local), new RunnerReady(1, AgentMode.Local, Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.LocalRunning));
            Assert.That(s.PendingSwitches, Is.Empty);
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompleteReply(5, LocalReply) }));
        }),
        new("ReadyR_in_RemoteStarting_replies_every_caller_applies_and_sends_the_buffer_in_order",
            RemoteStarting(2).WithPendingSwitch(4, AgentMode.Remote).WithPendingSwitch(5, AgentMode.Remote).WithBuffered(Msg(1, "a"), Msg(2, "b")),
            new RunnerReady(2, AgentMode.Remote, Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.RemoteRunning));
            Assert.That(s.BufferedMessages, Is.Empty);
            Assert.That(c, Is.EqualTo(new SessionCommand[]
            {
                new CompleteReply(4, RemoteReply),
                new CompleteReply(5, RemoteReply),
                new StartTakebackWatcher(),
                new ApplyAgentConfig(2, AgentConfig.Empty),
                new SendToAgent(2, Msg(1, "a")),
                new SendToAgent(2, Msg(2, "b")),
            }));
        }),
        new("ReadyL_after_a_failed_remote_start_injects_the_buffered_messages", LocalStarting(3).WithBuffered(Msg(1)), new RunnerReady(3, AgentMode.Local, Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.LocalRunning));
            Assert.That(s.BufferedMessages, Is.Empty);
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new InjectToAgent(3, Msg(1)) }));
            Assert.That(s.Echo.RecentRemoteInputs.Select(e => e.Value), Is.EqualTo(new[] { "hello" }));
        }),
        new("Ready_of_a_replaced_generation_is_ignored", RemoteStarting(3), new RunnerReady(2, AgentMode.Remote, Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.RemoteStarting));
            Assert.That(c, Is.Empty);
        }),
        new("Ready_in_Closing_does_not_cancel_the_shutdown", Closing(2), new RunnerReady(2, AgentMode.Remote, Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.Closing));
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new StopRunner(2, AgentMode.Remote, true) }));
        }),
        new("Duplicate_Ready_while_running_changes_nothing", RemoteRunning(2), new RunnerReady(2, AgentMode.Remote, Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.RemoteRunning));
            Assert.That(c, Is.Empty);
        }),

        // ---- evRunnerExited(G, mode, err) ----
        new("ExitL_in_LocalStarting_ends_the_session_and_fails_the_switch", LocalStarting(1).WithPendingSwitch(5, AgentMode.Local), new RunnerExited(1, AgentMode.Local, "boom", Now), (s, c) =>
        {
            Assert.That((s.Fsm, s.LastExitError), Is.EqualTo((FsmState.Closed, "boom")));
            Assert.That(Single<CompleteReply>(c).Outcome, Is.EqualTo(ReplyOutcome.Error(ReplyErrorCode.StartFailed, "boom")));
            Assert.That(Single<SessionEnded>(c), Is.EqualTo(new SessionEnded("boom")));
        }),
        new("ExitL_in_LocalRunning_goes_Closed", LocalRunning(1), new RunnerExited(1, AgentMode.Local, null, Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.Closed));
            Assert.That(Single<SessionEnded>(c), Is.EqualTo(new SessionEnded(null)));
        }),
        new("ExitR_in_RemoteStarting_with_buffer_fails_the_switch_and_falls_back_to_a_real_local_runner_keeping_the_buffer",
            RemoteStarting(2).WithPendingSwitch(5, AgentMode.Remote).WithBuffered(Msg(1)), new RunnerExited(2, AgentMode.Remote, "no bridge", Now), (s, c) =>
        {
            Assert.That((s.Fsm, s.RunnerGen, s.Mode, s.AgentState.ControlledByUser), Is.EqualTo((FsmState.LocalStarting, 3L, AgentMode.Local, true)));
            Assert.That(s.BufferedMessages, Is.EqualTo(new[] { Msg(1) }), "3.10-C: kept for the local runner, never injected into a dead one");
            Assert.That(All<CompleteReply>(c).Single().Outcome, Is.EqualTo(ReplyOutcome.Error(ReplyErrorCode.StartFailed, "no bridge")));
            Assert.That(Single<StartRunner>(c), Is.EqualTo(new StartRunner(3, AgentMode.Local, null, null, AgentConfig.Empty)));
            Assert.That(All<InjectToAgent>(c), Is.Empty);
            Assert.That(Single<ArmTimer>(c).Name, Is.EqualTo(SessionTimers.PersistDebounce), "PersistDeb");
        }),
        new("ExitR_in_RemoteStarting_without_buffer_still_returns_control_to_the_desktop", RemoteStarting(2), new RunnerExited(2, AgentMode.Remote, "x", Now), (s, c) =>
        {
            Assert.That((s.Fsm, s.AgentState.ControlledByUser), Is.EqualTo((FsmState.LocalStarting, true)), "3.10-C variant: HEAD leaves controlledByUser=false");
            Assert.That(Single<StartRunner>(c).Mode, Is.EqualTo(AgentMode.Local));
        }),
        new("ExitR_in_RemoteRunning_falls_back_to_local_at_g_plus_1", RemoteRunning(2) with { Working = true }, new RunnerExited(2, AgentMode.Remote, "crash", Now), (s, c) =>
        {
            Assert.That((s.Fsm, s.RunnerGen, s.Working, s.AgentState.ControlledByUser), Is.EqualTo((FsmState.LocalStarting, 3L, false, true)));
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(PrintToDesktop), nameof(EmitSessionAlive), nameof(StopRunner), nameof(StartRunner), nameof(ArmTimer) }));
            Assert.That(s.LastExitError, Is.EqualTo("crash"));
        }),
        new("Exit_of_a_replaced_runner_is_ignored_S7", LocalRunning(3), new RunnerExited(1, AgentMode.Local, null, Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.LocalRunning));
            Assert.That(c, Is.Empty);
        }),
        new("Exit_in_Closing_goes_Closed", Closing(2), new RunnerExited(2, AgentMode.Remote, null, Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.Closed));
            Assert.That(Single<SessionEnded>(c), Is.EqualTo(new SessionEnded(null)));
        }),
        new("Stop_completed_in_Closing_goes_Closed_even_without_an_exit_event", Closing(2), new RunnerStopped(2, AgentMode.Local, Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.Closed));
            Assert.That(Single<SessionEnded>(c), Is.Not.Null);
        }),
        new("Stop_completed_outside_Closing_changes_nothing", RemoteStarting(3), new RunnerStopped(2, AgentMode.Local, Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.RemoteStarting));
            Assert.That(c, Is.Empty);
        }),

        // ---- cmdShutdown(r) ----
        new("Shutdown_while_running_goes_Closing_stops_both_runners_and_withdraws_prompts", RemoteRunning(2).WithPrompt(), new Shutdown(9, Now), (s, c) =>
        {
            Assert.That((s.Fsm, s.ShutdownRequested), Is.EqualTo((FsmState.Closing, true)));
            Assert.That(All<StopRunner>(c), Is.EqualTo(new[] { new StopRunner(2, AgentMode.Local, false), new StopRunner(2, AgentMode.Remote, true) }));
            Assert.That(All<CompletePermissionDecision>(c).Single(), Is.EqualTo(new CompletePermissionDecision(77, false, "session closed")));
            Assert.That(s.AgentState.Requests, Is.Empty);
            Assert.That(c.Last(), Is.EqualTo(new CompleteReply(9, ReplyOutcome.Ok)));
        }),
        new("Shutdown_in_the_initial_Closed_ends_at_once", Initial(), new Shutdown(9, Now), (s, c) =>
        {
            Assert.That((s.Fsm, s.ShutdownRequested), Is.EqualTo((FsmState.Closed, true)));
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(SessionEnded), nameof(CompleteReply) }));
        }),
        new("Shutdown_again_only_replies", Closing(2), new Shutdown(9, Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.Closing));
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompleteReply(9, ReplyOutcome.Ok) }));
        }),
        new("Shutdown_while_starting_answers_the_switch_callers_with_ErrClosed", RemoteStarting(2).WithPendingSwitch(5, AgentMode.Remote), new Shutdown(null, Now), (s, c) =>
        {
            Assert.That(s.PendingSwitches, Is.Empty);
            Assert.That(Single<CompleteReply>(c), Is.EqualTo(new CompleteReply(5, ReplyOutcome.Error(ReplyErrorCode.Closed, "session is closed"))));
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
