using Delight.Runtime.Session;
using NUnit.Framework;
using static Delight.Runtime.Tests.Session.SessionFixtures;

namespace Delight.Runtime.Tests.Session;

/// <summary>The phone-message stream: catch-up after a connect, duplicates dropped by seq, live messages held while
/// the catch-up runs and then taken in seq order (the defect the simulation found: texts sent while the session
/// socket was down never reached the agent).</summary>
[TestFixture]
public sealed class InboundReducerTests
{
    private static InboundUserMessage Text(long seq, string localId) => new("text " + localId, null, localId, Now, seq);

    private static IReadOnlyList<string> Sent(System.Collections.Immutable.ImmutableArray<SessionCommand> commands) =>
        [.. All<SendToAgent>(commands).Select(c => c.Message.LocalId)];

    [Test]
    public void A_connect_starts_a_catch_up_after_the_last_seq_taken_in()
    {
        var state = RemoteRunning() with { Inbound = new InboundCursor(7, false, []) };

        var result = Reduce(state, new SocketConnected(Now));

        Assert.That(result.State.Inbound.CatchingUp, Is.True);
        Assert.That(All<FetchMissedMessages>(result.Commands), Is.EqualTo(new[] { new FetchMissedMessages(7) }));
    }

    [Test]
    public void A_live_message_at_or_below_the_cursor_is_a_duplicate_and_dropped()
    {
        var state = RemoteRunning() with { Inbound = new InboundCursor(3, false, []) };

        var result = Reduce(state, Text(3, "p3"));

        Assert.That(result.Commands, Is.Empty);
        Assert.That(result.State.Inbound.LastSeq, Is.EqualTo(3));
    }

    [Test]
    public void Live_messages_wait_during_a_catch_up_then_go_out_in_seq_order_with_the_fetched_ones_each_once()
    {
        var state = RemoteRunning() with { Inbound = new InboundCursor(1, true, []) };
        state = Reduce(state, Text(4, "p4")).State;
        Assert.That(state.Inbound.Held, Has.Count.EqualTo(1));

        var result = Reduce(state, new MissedMessagesFetched(1, [Text(2, "p2"), Text(3, "p3"), Text(4, "p4")], null, Now));

        Assert.That(result.State.Fsm, Is.EqualTo(FsmState.RemoteRunning));
        var delivered = Sent(result.Commands).Concat(result.State.BufferedMessages.Select(m => m.LocalId)).ToList();
        Assert.That(delivered, Is.EqualTo(new[] { "p2", "p3", "p4" }));
        Assert.That((result.State.Inbound.LastSeq, result.State.Inbound.CatchingUp, result.State.Inbound.Held.Count), Is.EqualTo((4L, false, 0)));
    }

    [Test]
    public void A_failed_fetch_is_retried_on_a_timer_and_keeps_holding()
    {
        var state = RemoteRunning() with { Inbound = new InboundCursor(1, true, [Text(5, "p5")]) };

        var failed = Reduce(state, new MissedMessagesFetched(1, [], "503", Now));
        Assert.That(failed.State.Inbound.CatchingUp, Is.True);
        Assert.That(All<ArmTimer>(failed.Commands).Select(t => t.Name), Is.EqualTo(new[] { SessionTimers.CatchUpRetry }));

        var connected = failed.State with { Connection = failed.State.Connection with { SessionSocket = true } };
        var retry = Reduce(connected, new TimerFired(SessionTimers.CatchUpRetry, All<ArmTimer>(failed.Commands)[0].Token, Now));
        Assert.That(All<FetchMissedMessages>(retry.Commands), Is.EqualTo(new[] { new FetchMissedMessages(1) }));
    }
}
