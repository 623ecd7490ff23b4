using Delight.Runtime.Agents;
using Delight.Runtime.Mutants;
using Delight.Runtime.Session;
using Delight.Runtime.Tests.Session.Fakes;
using NUnit.Framework;
using static Delight.Runtime.Tests.Session.SessionFixtures;

namespace Delight.Runtime.Tests.Session;

/// <summary>Each session-side seeded defect, armed, shows the defect it re-introduces (and the fixed runtime does not;
/// see the table and flow tests for the fixed behaviour).</summary>
[TestFixture]
[NonParallelizable]
public sealed class SessionMutantTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [NUnit.Framework.Test]
    public async Task GenerationStampedAtDelivery_lets_a_replaced_runners_late_exit_close_the_session_S7()
    {
        await using var h = new SessionHarness();
        await h.StartLocalAsync();
        await h.Runtime.SwitchModeAsync(AgentMode.Remote).WaitAsync(Patience);
        await h.Runtime.SwitchModeAsync(AgentMode.Local).WaitAsync(Patience);

        using (MutantSwitches.Arm(Mutant.GenerationStampedAtDelivery))
        {
            // P1 (local, generation 1) exits late; the host stamps it with the current local generation (3).
            await h.Runtime.AgentHost.ReportAsync(new AgentExited(1, AgentMode.Local, "killed"), CancellationToken.None);
            await h.Runtime.Ended.WaitAsync(Patience);
        }

        Assert.That(h.State.Fsm, Is.EqualTo(FsmState.Closed), "LocalRunning → Closed: the CLI exits");
    }

    [NUnit.Framework.Test]
    public async Task NonFifoAgentSends_delivers_phone_messages_out_of_order_S1()
    {
        var reordered = false;
        for (var round = 0; round < 20 && !reordered; round++)
        {
            await using var h = new SessionHarness();
            await h.StartLocalAsync();
            await h.Runtime.SwitchModeAsync(AgentMode.Remote).WaitAsync(Patience);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            h.Engine.SendGate = gate;
            using (MutantSwitches.Arm(Mutant.NonFifoAgentSends))
            {
                for (var i = 1; i <= 6; i++)
                {
                    await h.PhoneSendsAsync($"m{i}", $"r{round}p{i}");
                }

                await h.WaitUntilAsync(() => h.Engine.Calls.Count(c => c.StartsWith("send ", StringComparison.Ordinal)) >= 1, "a send holds the lock", advanceClock: false);
                gate.SetResult();
                await h.WaitUntilAsync(() => h.Engine.Sends.Count == 6, "all sends done", advanceClock: false);
            }

            reordered = !h.Engine.Sends.Select(s => s.Text).SequenceEqual(["m1", "m2", "m3", "m4", "m5", "m6"]);
        }

        Assert.That(reordered, Is.True, "with one task per send behind an unfair lock the engine sees messages out of order");
    }

    [NUnit.Framework.Test]
    public void GhostPermissionPrompts_leaves_a_timed_out_prompt_on_the_phone_S5c()
    {
        var s = RemoteRunning(2).WithPrompt(token: 50);
        using var _ = MutantSwitches.Arm(Mutant.GhostPermissionPrompts);
        var t = Reduce(s, new TimerFired(SessionTimers.PermissionTimeout("r1"), 50, Now));
        Assert.That(t.State.AgentState.Requests.ContainsKey("r1"), Is.True, "ghost prompt");
        Assert.That(Single<CompletePermissionDecision>(t.Commands).Allow, Is.False, "the engine still got its deny");

        var aborted = Reduce(s, new AbortRequested(9, Now));
        Assert.That(aborted.State.AgentState.Requests.ContainsKey("r1"), Is.True);
        var switched = Reduce(s, new SwitchModeRequested(AgentMode.Local, 9, Now));
        Assert.That(switched.State.AgentState.Requests.ContainsKey("r1"), Is.True);
    }

    [NUnit.Framework.Test]
    public void AliasedState_mutates_the_previous_state_S10c()
    {
        using var _ = MutantSwitches.Arm(Mutant.AliasedState);
        var first = Reduce(RemoteRunning(2), new PermissionAwaited(2, "r1", "Bash", "{}", 1, Now)).State;
        var before = SessionJson.Canonical(first);
        var second = Reduce(first, new PermissionAwaited(2, "r2", "Bash", "{}", 2, Now)).State;

        Assert.That(SessionJson.Canonical(first), Is.Not.EqualTo(before), "prev changed under the reducer");
        Assert.That(first.AgentState.Requests.ContainsKey("r2"), Is.True);
        Assert.That(second.AgentState.Requests.Count - first.AgentState.Requests.Count, Is.Zero, "the 'new pending requests' diff is empty");
    }

    [NUnit.Framework.Test]
    public void RunnerRestartedWhileClosing_resurrects_the_session_S9()
    {
        using var _ = MutantSwitches.Arm(Mutant.RunnerRestartedWhileClosing);
        var inbound = Reduce(Closing(2), new InboundUserMessage("hi", null, "p1", Now));
        Assert.That(All<StartRunner>(inbound.Commands), Has.Count.EqualTo(1));
        Assert.That(inbound.State.Fsm, Is.EqualTo(FsmState.RemoteStarting));

        var ready = Reduce(Closing(2), new RunnerReady(2, AgentMode.Remote, Now));
        Assert.That(ready.State.Fsm, Is.EqualTo(FsmState.RemoteRunning), "the Ready cancelled the shutdown");
    }

    [NUnit.Framework.Test]
    public void SecondSwitchOrphansFirst_never_answers_the_first_caller_S3()
    {
        using var _ = MutantSwitches.Arm(Mutant.SecondSwitchOrphansFirst);
        var s = RemoteStarting(2).WithPendingSwitch(4, AgentMode.Remote);
        var second = Reduce(s, new SwitchModeRequested(AgentMode.Remote, 5, Now));
        var ready = Reduce(second.State, new RunnerReady(2, AgentMode.Remote, Now));
        Assert.That(All<CompleteReply>(ready.Commands).Select(r => r.ReplyId), Is.EqualTo(new long[] { 5 }), "caller 4 is orphaned");
    }

    [NUnit.Framework.Test]
    public void PersistAcksOutOfOrder_moves_the_version_backwards_S6_4()
    {
        using var _ = MutantSwitches.Arm(Mutant.PersistAcksOutOfOrder);

        // A second request goes out while the first is in flight (HEAD: several persists in flight)...
        var config = Reduce(RemoteRunning(2).InFlight(1), new AgentConfigRequested("m", null, null, 8, Now));
        Assert.That(Single<PersistAgentState>(config.Commands).Seq, Is.EqualTo(2));

        // ...and their acks arrive newest first: the stale one moves the version back.
        var v6 = Reduce(config.State, new PersistSucceeded(2, 3, 6)).State;
        var stale = Reduce(v6, new PersistSucceeded(1, 3, 5)).State;
        Assert.That((v6.AgentStateVersion, stale.AgentStateVersion), Is.EqualTo((6L, 5L)), "the stale ack moved the version back");
    }

    [NUnit.Framework.Test]
    public void RpcHandlersLostAfterReconnect_registers_only_on_the_first_connect_S14()
    {
        using var _ = MutantSwitches.Arm(Mutant.RpcHandlersLostAfterReconnect);
        var first = Reduce(Initial(), new SocketConnected(Now));
        var second = Reduce(Reduce(first.State, new SocketDisconnected("x", Now)).State, new SocketConnected(Now));
        Assert.That(All<RegisterRpcMethods>(first.Commands), Has.Count.EqualTo(1));
        Assert.That(All<RegisterRpcMethods>(second.Commands), Is.Empty);
    }

    [NUnit.Framework.Test]
    public void BufferedMessagesDroppedOnFailedStart_loses_the_phone_message_S2()
    {
        using var _ = MutantSwitches.Arm(Mutant.BufferedMessagesDroppedOnFailedStart);
        var failed = Reduce(RemoteStarting(2).WithBuffered(Msg(1)), new RunnerExited(2, AgentMode.Remote, "no bridge", Now));
        var ready = Reduce(failed.State, new RunnerReady(3, AgentMode.Local, Now));
        Assert.That(failed.State.BufferedMessages, Is.Empty);
        Assert.That(All<InjectToAgent>(ready.Commands), Is.Empty, "the message never reaches any runner");
    }
}
