using Delight.Runtime.Agents;
using Delight.Runtime.Session;
using NUnit.Framework;
using static Delight.Runtime.Tests.Session.SessionFixtures;

namespace Delight.Runtime.Tests.Session;

/// <summary>RUNTIME.md §3.4 (working, UI events), the identity rows of §3.6, sockets and keep-alive (S8).</summary>
[TestFixture]
public sealed class WorkingReducerTableTests
{
    private static EngineUiEvent Ui(long gen, AgentMode mode, string id = "e1") => new(gen, mode, id, "tool", "start", "running", "b", "f", Now);

    public static IEnumerable<TestCaseData> Rows() => new ReducerRow[]
    {
        new("Working_true_from_the_remote_runner_is_reported", RemoteRunning(2), new EngineWorking(2, AgentMode.Remote, true, Now), (s, c) =>
        {
            Assert.That((s.Working, s.ActivitySeq), Is.EqualTo((true, 1L)));
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new EmitSessionAlive(true, Now, 1) }));
        }),
        new("Working_from_a_remote_runner_that_is_still_starting_is_accepted", RemoteStarting(2), new EngineWorking(2, AgentMode.Remote, true, Now), (s, c) => Assert.That(s.Working, Is.True)),
        new("Working_unchanged_emits_nothing", RemoteRunning(2) with { Working = true }, new EngineWorking(2, AgentMode.Remote, true, Now), (s, c) => Assert.That(c, Is.Empty)),
        new("Working_of_a_replaced_runner_is_ignored", RemoteRunning(3), new EngineWorking(2, AgentMode.Remote, true, Now), (s, c) =>
        {
            Assert.That(s.Working, Is.False);
            Assert.That(c, Is.Empty);
        }),
        new("Working_local_while_LocalStarting_is_ignored", LocalStarting(1), new EngineWorking(1, AgentMode.Local, true, Now), (s, c) => Assert.That(s.Working, Is.False)),
        new("Working_local_in_LocalRunning_is_accepted", LocalRunning(1), new EngineWorking(1, AgentMode.Local, true, Now), (s, c) => Assert.That(s.Working, Is.True)),

        new("UiEvent_in_RemoteRunning_is_forwarded_and_does_not_touch_Working", RemoteRunning(2), Ui(2, AgentMode.Remote), (s, c) =>
        {
            Assert.That(s.Working, Is.False);
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new EmitUiEvent("e1", "tool", "start", "running", "b", "f", Now) }));
        }),
        new("UiEvent_without_eventId_is_dropped", RemoteRunning(2), Ui(2, AgentMode.Remote, ""), (s, c) => Assert.That(c, Is.Empty)),
        new("UiEvent_of_the_wrong_mode_is_dropped", RemoteRunning(2), Ui(2, AgentMode.Local), (s, c) => Assert.That(c, Is.Empty)),
        new("UiEvent_of_a_replaced_runner_is_dropped", RemoteRunning(3), Ui(2, AgentMode.Remote), (s, c) => Assert.That(c, Is.Empty)),

        new("SessionIdentified_remote_overwrites_the_token_and_persists", RemoteRunning(2) with { ResumeToken = "old" }, new EngineSessionIdentified(2, AgentMode.Remote, "T", Now), (s, c) =>
        {
            Assert.That((s.ResumeToken, s.AgentState.ResumeToken), Is.EqualTo(("T", "T")));
            Assert.That(Single<ArmTimer>(c).Name, Is.EqualTo(SessionTimers.PersistDebounce));
        }),
        new("SessionIdentified_local_does_not_overwrite_a_token_HIST_41bb152", LocalRunning(3) with { ResumeToken = "T" }, new EngineSessionIdentified(3, AgentMode.Local, "T2", Now), (s, c) =>
        {
            Assert.That(s.ResumeToken, Is.EqualTo("T"));
            Assert.That(c, Is.Empty);
        }),
        new("SessionIdentified_local_fills_an_empty_token", LocalRunning(1), new EngineSessionIdentified(1, AgentMode.Local, "L", Now), (s, c) => Assert.That(s.ResumeToken, Is.EqualTo("L"))),
        new("RolloutPath_of_the_current_runner_is_recorded", LocalRunning(1), new EngineRolloutPath(1, "/r.jsonl", Now), (s, c) => Assert.That(s.RolloutPath, Is.EqualTo("/r.jsonl"))),
        new("RolloutPath_of_a_replaced_runner_is_ignored", LocalRunning(2), new EngineRolloutPath(1, "/r.jsonl", Now), (s, c) => Assert.That(s.RolloutPath, Is.Null)),

        new("SocketConnected_registers_RPCs_announces_liveness_arms_keepalive_and_repersists", Initial(), new SocketConnected(Now), (s, c) =>
        {
            Assert.That((s.Connection.SessionSocket, s.Connection.SessionConnects), Is.EqualTo((true, 1L)));
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(RegisterRpcMethods), nameof(EmitSessionAlive), nameof(ArmTimer), nameof(FetchMissedMessages), nameof(ArmTimer) }));
            Assert.That(s.Inbound.CatchingUp, Is.True);
            Assert.That(All<ArmTimer>(c).Select(t => t.Name), Is.EqualTo(new[] { SessionTimers.KeepAlive, SessionTimers.PersistDebounce }));
            Assert.That(s.KeepAliveToken, Is.Not.Zero);
        }),
        new("SocketConnected_again_registers_RPCs_again_F6", LocalRunning(1), new SocketConnected(Now), (s, c) =>
        {
            Assert.That(s.Connection.SessionConnects, Is.EqualTo(2));
            Assert.That(All<RegisterRpcMethods>(c), Has.Count.EqualTo(1));
        }),
        new("SocketDisconnected_clears_the_flag_and_the_keepalive", LocalRunning(1) with { KeepAliveToken = 4 }, new SocketDisconnected("ping timeout", Now), (s, c) =>
        {
            Assert.That((s.Connection.SessionSocket, s.KeepAliveToken), Is.EqualTo((false, 0L)));
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CancelTimer(SessionTimers.KeepAlive) }));
        }),
        new("KeepAlive_fire_sends_the_current_Working_with_the_next_activity_seq_and_rearms", RemoteRunning(2) with { KeepAliveToken = 4, Working = true, ActivitySeq = 7, NextTimerToken = 10 },
            new TimerFired(SessionTimers.KeepAlive, 4, Now), (s, c) =>
        {
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new EmitSessionAlive(true, Now, 8), new ArmTimer(SessionTimers.KeepAlive, 10, 30_000) }));
            Assert.That(s.KeepAliveToken, Is.EqualTo(10));
        }),
        new("KeepAlive_stale_fire_is_ignored", RemoteRunning(2) with { KeepAliveToken = 5 }, new TimerFired(SessionTimers.KeepAlive, 4, Now), (s, c) => Assert.That(c, Is.Empty)),
        new("Terminal_socket_flags", LocalRunning(1), new TerminalConnected(Now), (s, c) => Assert.That(s.Connection.TerminalSocket, Is.True)),
        new("Terminal_socket_disconnect_flag", LocalRunning(1) with { Connection = new ConnectionState(true, true, 1) }, new TerminalDisconnected("x", Now), (s, c) => Assert.That(s.Connection.TerminalSocket, Is.False)),
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
