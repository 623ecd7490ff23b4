using Delight.Runtime.Agents;
using Delight.Runtime.Session;
using NUnit.Framework;
using static Delight.Runtime.Tests.Session.SessionFixtures;

namespace Delight.Runtime.Tests.Session;

/// <summary>RUNTIME.md §3.3 (message flow) and §3.8 (echo suppression), plus redelivery after a failed send.</summary>
[TestFixture]
public sealed class MessageReducerTableTests
{
    private static InboundUserMessage Inbound(string text = "hello", string localId = "p1") => new(text, null, localId, Now);

    private static readonly BufferedMessage First = new(1, "hello", null, "p1", Now);

    public static IEnumerable<TestCaseData> Rows() => new ReducerRow[]
    {
        // ---- cmdInboundUserMessage ----
        new("Inbound_in_RemoteRunning_starts_the_turn_and_sends", RemoteRunning(2), Inbound(), (s, c) =>
        {
            Assert.That(s.Working, Is.True);
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new EmitSessionAlive(true, Now, 1), new SendToAgent(2, First) }));
        }),
        new("Inbound_in_RemoteStarting_is_buffered", RemoteStarting(2), Inbound(), (s, c) =>
        {
            Assert.That(s.BufferedMessages, Is.EqualTo(new[] { First }));
            Assert.That(s.Fsm, Is.EqualTo(FsmState.RemoteStarting));
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new EmitSessionAlive(true, Now, 1) }));
        }),
        new("Inbound_in_LocalRunning_buffers_and_hands_off_to_remote_F2", LocalRunning(1), Inbound(), (s, c) =>
        {
            Assert.That((s.Fsm, s.RunnerGen, s.Working), Is.EqualTo((FsmState.RemoteStarting, 2L, true)));
            Assert.That(s.BufferedMessages, Is.EqualTo(new[] { First }));
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(StopRunner), nameof(StartRunner), nameof(PersistAgentState), nameof(EmitSessionAlive) }));
        }),
        new("Inbound_in_LocalStarting_buffers_and_hands_off_to_remote", LocalStarting(1), Inbound(), (s, c) =>
        {
            Assert.That((s.Fsm, s.RunnerGen), Is.EqualTo((FsmState.RemoteStarting, 2L)));
            Assert.That(s.BufferedMessages, Has.Count.EqualTo(1));
        }),
        new("Inbound_in_the_initial_Closed_starts_remote", Initial(), Inbound(), (s, c) =>
        {
            Assert.That((s.Fsm, s.RunnerGen), Is.EqualTo((FsmState.RemoteStarting, 1L)));
            Assert.That(Single<StartRunner>(c).Mode, Is.EqualTo(AgentMode.Remote));
        }),
        new("Inbound_echo_of_our_own_localId_is_dropped", RemoteRunning(2) with { Echo = EchoWindows.Empty with { RecentOutboundLocalIds = [new EchoEntry("p1", Now - 1000)] } }, Inbound(), (s, c) =>
        {
            Assert.That(c, Is.Empty);
            Assert.That(s.Working, Is.False);
        }),
        new("Inbound_our_localId_after_the_30s_window_is_accepted", RemoteRunning(2) with { Echo = EchoWindows.Empty with { RecentOutboundLocalIds = [new EchoEntry("p1", Now - 31_000)] } }, Inbound(), (s, c) =>
        {
            Assert.That(All<SendToAgent>(c), Has.Count.EqualTo(1));
        }),
        new("Inbound_blank_text_is_dropped", RemoteRunning(2), Inbound(" \r\n "), (s, c) => Assert.That(c, Is.Empty)),
        new("Inbound_in_Closing_restarts_nothing", Closing(2), Inbound(), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.Closing));
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(PrintToDesktop) }));
        }),

        // ---- cmdRemoteSend ----
        new("LocalMessage_in_RemoteRunning_sends_and_replies", RemoteRunning(2), new LocalUserMessage("hi", null, "c1", 9, Now), (s, c) =>
        {
            Assert.That(c, Is.EqualTo(new SessionCommand[]
            {
                new EmitSessionAlive(true, Now, 1),
                new SendToAgent(2, new BufferedMessage(1, "hi", null, "c1", Now)),
                new CompleteReply(9, ReplyOutcome.Ok),
            }));
        }),
        new("LocalMessage_while_local_gets_ErrNotRemote", LocalRunning(1), new LocalUserMessage("hi", null, "c1", 9, Now), (s, c) =>
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompleteReply(9, ReplyOutcome.Error(ReplyErrorCode.NotRemote, "not in remote mode")) }))),
        new("LocalMessage_while_RemoteStarting_gets_ErrNotRemote", RemoteStarting(2), new LocalUserMessage("hi", null, "c1", 9, Now), (s, c) =>
            Assert.That(Single<CompleteReply>(c).Outcome, Is.InstanceOf<ReplyError>().With.Property("Code").EqualTo(ReplyErrorCode.NotRemote))),
        new("LocalMessage_in_Closing_gets_ErrClosed", Closing(2), new LocalUserMessage("hi", null, "c1", 9, Now), (s, c) =>
            Assert.That(Single<CompleteReply>(c).Outcome, Is.InstanceOf<ReplyError>().With.Property("Code").EqualTo(ReplyErrorCode.Closed))),

        // ---- cmdAbortRemote ----
        new("Abort_in_RemoteRunning_aborts_and_withdraws_the_prompts", RemoteRunning(2).WithPrompt() with { Working = true }, new AbortRequested(9, Now), (s, c) =>
        {
            Assert.That(s.Working, Is.True, "the engine reports the end of the turn");
            Assert.That(s.AgentState.Requests, Is.Empty);
            Assert.That(s.AgentState.CompletedRequests["r1"].Allow, Is.False);
            Assert.That(All<CompletePermissionDecision>(c).Single(), Is.EqualTo(new CompletePermissionDecision(77, false, "turn aborted")));
            Assert.That(Single<AbortAgent>(c), Is.EqualTo(new AbortAgent(2)));
            Assert.That(c.Last(), Is.EqualTo(new CompleteReply(9, ReplyOutcome.Ok)));
        }),
        new("Abort_while_local_gets_ErrNotRemote", LocalRunning(1), new AbortRequested(9, Now), (s, c) =>
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompleteReply(9, ReplyOutcome.Error(ReplyErrorCode.NotRemote, "not in remote mode")) }))),

        // ---- evOutboundMessageReady ----
        new("Outbound_of_the_current_runner_is_emitted_and_its_localId_remembered", RemoteRunning(2), new OutboundRecordReady(2, AgentMode.Remote, "o1", "{\"role\":\"agent\"}", null, Now), (s, c) =>
        {
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new EmitMessage("o1", "{\"role\":\"agent\"}") }));
            Assert.That(s.Echo.RecentOutboundLocalIds.Select(e => e.Value), Is.EqualTo(new[] { "o1" }));
        }),
        new("Outbound_of_a_replaced_runner_is_dropped", RemoteRunning(3), new OutboundRecordReady(2, AgentMode.Remote, "o1", "{}", null, Now), (s, c) => Assert.That(c, Is.Empty)),
        new("Outbound_empty_record_is_dropped", RemoteRunning(2), new OutboundRecordReady(2, AgentMode.Remote, "o1", "", null, Now), (s, c) => Assert.That(c, Is.Empty)),
        new("Outbound_echo_of_an_injected_phone_text_is_dropped", LocalRunning(3) with { Echo = EchoWindows.Empty with { RecentRemoteInputs = [new EchoEntry("hello", Now - 5000)] } },
            new OutboundRecordReady(3, AgentMode.Local, "u1", "{}", "hello", Now), (s, c) => Assert.That(c, Is.Empty)),

        // ---- delivery failures (never lose a phone message) ----
        new("Failed_send_to_the_current_remote_runner_is_a_crash_and_the_message_goes_to_the_fallback_runner", RemoteRunning(2),
            new AgentDeliveryFailed(2, AgentMode.Remote, First, "pipe closed", Now), (s, c) =>
        {
            Assert.That((s.Fsm, s.RunnerGen), Is.EqualTo((FsmState.LocalStarting, 3L)));
            Assert.That(s.BufferedMessages, Is.EqualTo(new[] { First }));
        }),
        new("Failed_send_to_a_replaced_runner_is_redelivered_to_the_current_one", RemoteRunning(4),
            new AgentDeliveryFailed(2, AgentMode.Remote, First, "stopped", Now), (s, c) =>
        {
            Assert.That(s.Fsm, Is.EqualTo(FsmState.RemoteRunning));
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new SendToAgent(4, First) }));
        }),
        new("Failed_inject_into_the_current_local_runner_keeps_the_message_buffered", LocalRunning(3),
            new AgentDeliveryFailed(3, AgentMode.Local, First, "cannot inject", Now), (s, c) =>
        {
            Assert.That(s.BufferedMessages, Is.EqualTo(new[] { First }));
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(PrintToDesktop) }));
        }),
        new("Redelivered_message_keeps_phone_order_in_the_buffer", RemoteStarting(5).WithBuffered(Msg(3, "c")),
            new AgentDeliveryFailed(4, AgentMode.Remote, Msg(2, "b"), "stopped", Now), (s, c) =>
        {
            Assert.That(s.BufferedMessages.Select(m => m.Seq), Is.EqualTo(new long[] { 2, 3 }));
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
