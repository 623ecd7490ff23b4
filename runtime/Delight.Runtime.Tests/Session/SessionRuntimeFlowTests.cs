using System.Text.Json;
using Delight.Runtime.Agents;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Session;
using Delight.Runtime.Tests.Session.Fakes;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Session;

/// <summary>The flows of RUNTIME.md §3.7 through the real loop, effects runner and mailboxes, with a fake socket, a
/// fake engine and a manual clock.</summary>
[TestFixture(false)]
[TestFixture(true)]
[NonParallelizable]
public sealed class SessionRuntimeFlowTests(bool simulationMailboxes)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>The same flows run on the Channel mailboxes (production) and on the lock+TCS ones (simulation).</summary>
    private SessionHarness Make(Action<FakeEngine>? configure = null, long serverVersion = 0) =>
        new(configure, serverVersion, simulationMailboxes ? SimulationMailboxFactory.Instance : ChannelMailboxFactory.Instance);

    [NUnit.Framework.Test]
    public async Task F1_startup_registers_rpcs_announces_liveness_and_starts_local()
    {
        await using var h = Make();
        await h.StartLocalAsync();

        Assert.That(h.State.Fsm, Is.EqualTo(FsmState.LocalRunning));
        Assert.That(h.Engine.Starts.Single(), Is.EqualTo(new AgentStartSpec(1, AgentMode.Local, "/work", null, null, AgentConfig.Empty)));
        await h.WaitUntilAsync(() => h.Socket.ServerAgentState is not null, "the agent state is persisted");
        await h.WaitUntilAsync(() => h.Socket.Payloads(SessionWire.RpcRegisterEvent).Count == 5, "every method is registered");
        Assert.That(h.Socket.Payloads(SessionWire.SessionAliveEvent), Is.Not.Empty);
        Assert.That(h.Socket.ServerAgentState, Does.Contain("\"controlledByUser\":true"));
    }

    [NUnit.Framework.Test]
    public async Task F2_phone_message_while_local_hands_off_to_remote_and_is_sent_once()
    {
        await using var h = Make();
        await h.StartLocalAsync();

        await h.PhoneSendsAsync("hello", "p1");
        await h.WaitUntilAsync(() => h.Engine.Sends.Count == 1, "the message reaches the remote runner");

        Assert.That(h.State.Fsm, Is.EqualTo(FsmState.RemoteRunning));
        Assert.That(h.Engine.Sends, Is.EqualTo(new[] { (2L, "hello") }));
        // Apply runs on the control path, the send on the send queue: their relative order is free.
        Assert.That(h.Engine.Calls.Take(3), Is.EqualTo(new[] { "start Local 1", "stop Local 1", "start Remote 2" }));
        Assert.That(h.Engine.Calls, Does.Contain("apply 2 "));
        Assert.That(h.State.AgentState.ControlledByUser, Is.False);

        // Agent output goes back to the phone, encrypted.
        await h.Runtime.AgentHost.ReportAsync(new AgentOutboundRecord(2, AgentMode.Remote, "o1", "{\"role\":\"agent\",\"content\":{\"type\":\"output\"}}", null, 5), CancellationToken.None);
        await h.WaitUntilAsync(() => h.MessagePlaintexts().Count == 1, "the output is emitted");
        Assert.That(h.MessagePlaintexts().Single(), Is.EqualTo("{\"role\":\"agent\",\"content\":{\"type\":\"output\"}}"));
    }

    [NUnit.Framework.Test]
    public async Task F2_two_quick_phone_messages_reach_the_engine_in_order_S1()
    {
        await using var h = Make();
        await h.StartLocalAsync();

        for (var i = 1; i <= 5; i++)
        {
            await h.PhoneSendsAsync($"m{i}", $"p{i}");
        }

        await h.WaitUntilAsync(() => h.Engine.Sends.Count == 5, "all five messages are sent");
        Assert.That(h.Engine.Sends.Select(s => s.Text), Is.EqualTo(new[] { "m1", "m2", "m3", "m4", "m5" }));
    }

    [NUnit.Framework.Test]
    public async Task A_one_slot_inbox_makes_producers_wait_and_loses_nothing_S13()
    {
        var created = new List<MailboxOptions>();
        await using var h = new SessionHarness(mailboxes: new RecordingMailboxes(created), inboxCapacity: 1);
        await h.StartLocalAsync();

        // Each post waits for the single slot while the loop and the effects runner keep feeding results back into the
        // same inbox (the §1.5 cycle that the deep effects queue keeps from closing).
        for (var i = 1; i <= 40; i++)
        {
            await h.PhoneSendsAsync($"m{i}", $"p{i}").WaitAsync(TimeSpan.FromSeconds(10));
        }

        await h.WaitUntilAsync(() => h.Engine.Sends.Count == 40, "every message is sent");
        Assert.That(h.Engine.Sends.Select(s => s.Text), Is.EqualTo(Enumerable.Range(1, 40).Select(i => $"m{i}")));
        lock (created)
        {
            Assert.That(created.Single(o => o.Name == "session-inbox").Capacity, Is.EqualTo(1));
            Assert.That(created.Single(o => o.Name == "session-effects").Capacity, Is.EqualTo(8192));
        }
    }

    private sealed class RecordingMailboxes(List<MailboxOptions> created) : IMailboxFactory
    {
        public IMailbox<T> Create<T>(MailboxOptions options)
        {
            lock (created)
            {
                created.Add(options);
            }

            return ChannelMailboxFactory.Instance.Create<T>(options);
        }
    }

    [NUnit.Framework.Test]
    public async Task F3_switch_rpc_answers_with_the_mode_after_the_switch_and_both_callers_of_a_double_switch_are_answered()
    {
        await using var h = Make(e => e.AutoReady = false);
        await h.Runtime.StartAsync();
        var startup = h.Runtime.SwitchModeAsync(AgentMode.Local);
        await h.WaitUntilAsync(() => h.Engines.Engine?.Starts.Count == 1, "the local start");
        await h.Runtime.AgentHost.ReportAsync(new AgentReady(1, AgentMode.Local), CancellationToken.None);
        Assert.That(await startup.WaitAsync(Patience), Is.EqualTo(new ReplyMode(AgentMode.Local)));

        var first = await h.RpcAsync("switch", "{\"mode\":\"remote\"}");
        var second = await h.RpcAsync("switch", "{\"mode\":\"remote\"}");
        await h.WaitUntilAsync(() => h.Engine.Starts.Count == 2, "the remote start");
        Assert.That(first.IsCompleted || second.IsCompleted, Is.False, "no reply before Ready");

        await h.Runtime.AgentHost.ReportAsync(new AgentReady(2, AgentMode.Remote), CancellationToken.None);
        Assert.That(await first.WaitAsync(Patience), Is.EqualTo("{\"mode\":\"remote\"}"));
        Assert.That(await second.WaitAsync(Patience), Is.EqualTo("{\"mode\":\"remote\"}"));
        Assert.That(h.Engine.Starts, Has.Count.EqualTo(2), "the second caller joined the start under way");

        var bad = await h.RpcAsync("switch", "{\"mode\":\"sideways\"}");
        Assert.That(await bad.WaitAsync(Patience), Is.EqualTo("{\"error\":\"unknown mode: sideways\"}"));
    }

    [NUnit.Framework.Test]
    public async Task F3_a_replaced_runners_late_exit_does_not_cause_a_fallback_S3_S7()
    {
        await using var h = Make();
        await h.StartLocalAsync();
        Assert.That(await h.Runtime.SwitchModeAsync(AgentMode.Remote).WaitAsync(Patience), Is.EqualTo(new ReplyMode(AgentMode.Remote)));
        Assert.That(await h.Runtime.SwitchModeAsync(AgentMode.Local).WaitAsync(Patience), Is.EqualTo(new ReplyMode(AgentMode.Local)));

        // The local runner of generation 1 exits only now (it was killed at the first switch).
        await h.Runtime.AgentHost.ReportAsync(new AgentExited(1, AgentMode.Local, "killed"), CancellationToken.None);
        await h.Runtime.AgentHost.ReportAsync(new AgentExited(2, AgentMode.Remote, "stopped"), CancellationToken.None);
        var settled = await h.Runtime.WaitForPersistAsync().WaitAsync(Patience);

        Assert.That(settled, Is.EqualTo(ReplyOutcome.Ok));
        Assert.That((h.State.Fsm, h.State.RunnerGen), Is.EqualTo((FsmState.LocalRunning, 3L)));
        Assert.That(h.Runtime.Ended.IsCompleted, Is.False);
    }

    [NUnit.Framework.Test]
    public async Task F4_remote_runner_dies_and_the_session_falls_back_to_local()
    {
        await using var h = Make();
        await h.StartLocalAsync();
        await h.Runtime.SwitchModeAsync(AgentMode.Remote).WaitAsync(Patience);

        await h.Runtime.AgentHost.ReportAsync(new AgentExited(2, AgentMode.Remote, "bridge crashed"), CancellationToken.None);
        await h.WaitUntilAsync(() => h.State.Fsm == FsmState.LocalRunning, "the local runner is back");

        Assert.That(h.State.RunnerGen, Is.EqualTo(3));
        Assert.That(h.State.AgentState.ControlledByUser, Is.True);
        await h.WaitUntilAsync(() => h.Socket.ServerAgentState?.Contains("\"controlledByUser\":true", StringComparison.Ordinal) == true && h.State.Persist is { InFlightSeq: null, Dirty: false },
            "the phone is told the desktop is in control");
    }

    [NUnit.Framework.Test]
    public async Task F4_failed_remote_start_keeps_the_phone_message_and_injects_it_into_the_local_runner_S2()
    {
        await using var h = Make(e => e.StartFailure = spec => spec.Mode == AgentMode.Remote ? new InvalidOperationException("no bridge") : null);
        await h.StartLocalAsync();

        await h.PhoneSendsAsync("please fix", "p1");
        await h.WaitUntilAsync(() => h.Engine.Injects.Count == 1, "the message is typed into the new local runner");

        Assert.That(h.Engine.Injects.Single(), Is.EqualTo((3L, "please fix")));
        Assert.That(h.State.Fsm, Is.EqualTo(FsmState.LocalRunning));
        Assert.That(h.State.AgentState.ControlledByUser, Is.True);

        // The local runner reads it back: the echo is not sent to the phone again.
        await h.Runtime.AgentHost.ReportAsync(new AgentOutboundRecord(3, AgentMode.Local, "u1", "{\"role\":\"user\"}", "please fix", 1), CancellationToken.None);
        await h.Runtime.AgentHost.ReportAsync(new AgentOutboundRecord(3, AgentMode.Local, "a1", "{\"role\":\"agent\"}", null, 1), CancellationToken.None);
        await h.WaitUntilAsync(() => h.MessagePlaintexts().Count == 1, "the agent output is emitted");
        Assert.That(h.MessagePlaintexts(), Is.EqualTo(new[] { "{\"role\":\"agent\"}" }));
    }

    [NUnit.Framework.Test]
    public async Task F5_permission_prompt_is_answered_from_the_phone()
    {
        await using var h = Make();
        await h.StartLocalAsync();
        await h.Runtime.SwitchModeAsync(AgentMode.Remote).WaitAsync(Patience);

        var decision = h.Runtime.AgentHost.AwaitPermissionAsync(new PermissionAsk(2, "req-1", "Bash", "{\"command\":\"ls\"}"), CancellationToken.None);
        await h.WaitUntilAsync(() => h.Socket.Payloads(SessionWire.EphemeralEvent).Any(p => p.Contains("permission-request", StringComparison.Ordinal)), "the prompt reaches the phone");
        await h.WaitUntilAsync(() => h.Socket.ServerAgentState?.Contains("req-1", StringComparison.Ordinal) == true, "the prompt is in agentState.requests");

        var ack = await h.RpcAsync("permission", "{\"requestId\":\"req-1\",\"allow\":true,\"message\":\"\"}");
        Assert.That(await ack.WaitAsync(Patience), Is.EqualTo("{\"success\":true}"));
        Assert.That((await decision.WaitAsync(Patience)).Allow, Is.True);

        var again = await h.RpcAsync("permission", "{\"requestId\":\"req-1\",\"allow\":true}");
        Assert.That(await again.WaitAsync(Patience), Is.EqualTo("{\"error\":\"unknown permission request: req-1\"}"), "the RPC sees the unknown id");

        await h.WaitUntilAsync(() => h.State.Persist is { InFlightSeq: null, Dirty: false, DebounceArmed: false }, "the resolution is persisted");
        using var persisted = JsonDocument.Parse(h.Socket.ServerAgentState!);
        Assert.That(persisted.RootElement.TryGetProperty("requests", out _), Is.False);
        Assert.That(persisted.RootElement.GetProperty("completedRequests").GetProperty("req-1").GetProperty("allow").GetBoolean(), Is.True);
    }

    [NUnit.Framework.Test]
    public async Task F5_engine_cancelling_the_wait_withdraws_the_prompt_from_the_phone()
    {
        await using var h = Make();
        await h.StartLocalAsync();
        await h.Runtime.SwitchModeAsync(AgentMode.Remote).WaitAsync(Patience);

        using var turn = new CancellationTokenSource();
        var decision = h.Runtime.AgentHost.AwaitPermissionAsync(new PermissionAsk(2, "req-2", "Edit", "{}"), turn.Token);
        await h.WaitUntilAsync(() => h.State.AgentState.Requests.ContainsKey("req-2"), "the prompt is registered");

        await turn.CancelAsync();
        Assert.That(async () => await decision, Throws.InstanceOf<OperationCanceledException>());
        await h.WaitUntilAsync(() => h.State.AgentState.Requests.Count == 0, "the prompt is withdrawn");
        await h.WaitUntilAsync(() => h.State.Persist is { InFlightSeq: null, Dirty: false, DebounceArmed: false }, "the withdrawal is persisted");
        Assert.That(h.Socket.ServerAgentState, Does.Not.Contain("\"requests\""));
        Assert.That(h.State.AgentState.CompletedRequests["req-2"].Allow, Is.False);
    }

    [NUnit.Framework.Test]
    public async Task F6_reconnect_repersists_a_prompt_created_offline_and_reregisters_rpcs()
    {
        await using var h = Make();
        await h.StartLocalAsync();
        await h.Runtime.SwitchModeAsync(AgentMode.Remote).WaitAsync(Patience);
        await h.WaitUntilAsync(() => h.State.Persist is { InFlightSeq: null, Dirty: false, DebounceArmed: false }, "settled");

        await h.Socket.DropAsync("transport close");
        _ = h.Runtime.AgentHost.AwaitPermissionAsync(new PermissionAsk(2, "offline-1", "Bash", "{}"), CancellationToken.None);
        await h.WaitUntilAsync(() => h.State.AgentState.Requests.ContainsKey("offline-1") && h.State.Persist is { InFlightSeq: null, DebounceArmed: false }, "the offline persist failed");
        Assert.That(h.Socket.ServerAgentState, Does.Not.Contain("offline-1"));

        await h.Socket.ConnectAsync();
        await h.WaitUntilAsync(() => h.Socket.ServerAgentState?.Contains("offline-1", StringComparison.Ordinal) == true, "the prompt reaches the server after the reconnect");
        await h.WaitUntilAsync(() => h.Socket.Payloads(SessionWire.RpcRegisterEvent).Count == 10, "every method registered again");
    }

    [NUnit.Framework.Test]
    public async Task F6_version_mismatch_adopts_the_server_version_and_retries()
    {
        await using var h = Make(serverVersion: 0);
        h.Socket.ServerVersion = 5; // another writer moved the server on
        await h.StartLocalAsync();
        await h.WaitUntilAsync(() => h.Socket.ServerAgentState is not null && h.State.Persist is { InFlightSeq: null, Dirty: false }, "persisted after the retry");

        Assert.That(h.State.AgentStateVersion, Is.EqualTo(h.Socket.ServerVersion));
        Assert.That(h.Socket.ServerVersion, Is.GreaterThan(5));
    }

    [NUnit.Framework.Test]
    public async Task F7_shutdown_closes_the_session_and_nothing_restarts_a_runner()
    {
        await using var h = Make();
        await h.StartLocalAsync();
        await h.Runtime.SwitchModeAsync(AgentMode.Remote).WaitAsync(Patience);
        var pendingPrompt = h.Runtime.AgentHost.AwaitPermissionAsync(new PermissionAsk(2, "r9", "Bash", "{}"), CancellationToken.None);
        await h.WaitUntilAsync(() => h.State.AgentState.Requests.ContainsKey("r9"), "prompt registered");

        Assert.That(await h.Runtime.ShutdownAsync().WaitAsync(Patience), Is.EqualTo(ReplyOutcome.Ok));
        Assert.That((await pendingPrompt.WaitAsync(Patience)).Allow, Is.False, "the engine's wait ends with a deny");
        Assert.That(await h.Runtime.Ended.WaitAsync(Patience), Is.Null);
        Assert.That(h.State.Fsm, Is.EqualTo(FsmState.Closed));
        var startsBefore = h.Engine.Starts.Count;

        await h.PhoneSendsAsync("are you there", "p7");
        var switched = await h.Runtime.SwitchModeAsync(AgentMode.Remote).WaitAsync(Patience);
        Assert.That(switched, Is.InstanceOf<ReplyError>().With.Property("Code").EqualTo(ReplyErrorCode.Closed));
        Assert.That(h.Engine.Starts, Has.Count.EqualTo(startsBefore));
        Assert.That(h.Engine.Calls, Does.Contain("stop Local 2").And.Contain("stop Remote 2"));
    }

    [NUnit.Framework.Test]
    public async Task Stop_completes_pending_replies_with_ErrClosed()
    {
        var h = Make(e => e.AutoReady = false);
        await h.Runtime.StartAsync();
        var waiting = h.Runtime.SwitchModeAsync(AgentMode.Local);
        await h.WaitUntilAsync(() => h.Engines.Engine?.Starts.Count == 1, "the start");

        await h.DisposeAsync();
        var outcome = await waiting.WaitAsync(Patience);
        Assert.That(outcome, Is.InstanceOf<ReplyError>().With.Property("Code").EqualTo(ReplyErrorCode.Closed));
        var after = await h.Runtime.AbortAsync().WaitAsync(Patience);
        Assert.That(after, Is.InstanceOf<ReplyError>().With.Property("Code").EqualTo(ReplyErrorCode.Closed));
    }

    [NUnit.Framework.Test]
    public async Task A_blocked_send_does_not_block_apply_abort_or_permission_prompts_S4()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var h = Make();
        await h.StartLocalAsync();
        await h.Runtime.SwitchModeAsync(AgentMode.Remote).WaitAsync(Patience);
        h.Engine.SendGate = gate;

        await h.PhoneSendsAsync("long turn", "p1");
        await h.WaitUntilAsync(() => h.Engine.Calls.Contains("send 2 long turn"), "the send is blocked in the engine");

        var config = await h.RpcAsync("agent-config", "{\"model\":\"fake-2\"}");
        var decision = h.Runtime.AgentHost.AwaitPermissionAsync(new PermissionAsk(2, "acp-1", "acp.await", "{}"), CancellationToken.None);
        await h.WaitUntilAsync(() => h.Socket.Payloads(SessionWire.EphemeralEvent).Any(p => p.Contains("acp-1", StringComparison.Ordinal)), "the prompt is emitted while the send blocks");
        var ack = await h.RpcAsync("permission", "{\"requestId\":\"acp-1\",\"allow\":false,\"message\":\"no\"}");
        Assert.That(await ack.WaitAsync(Patience), Is.EqualTo("{\"success\":true}"));
        Assert.That(await decision.WaitAsync(Patience), Is.EqualTo(new PermissionDecision(false, "no")));

        await h.WaitUntilAsync(() => config.IsCompleted, "the agent-config reply (after its persist)");
        var configResult = await config;
        Assert.That(configResult, Does.Contain("\"success\":true").And.Contain("fake-2"));
        await h.WaitUntilAsync(() => h.Engine.Calls.Contains("apply 2 fake-2"), "apply ran beside the blocked send");
        Assert.That(await h.Runtime.AbortAsync().WaitAsync(Patience), Is.EqualTo(ReplyOutcome.Ok));
        await h.WaitUntilAsync(() => h.Engine.Calls.Contains("abort 2"), "abort ran beside the blocked send");
        gate.SetResult();
    }
}
