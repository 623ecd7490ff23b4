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
        var state = Connected(RemoteRunning()) with { Inbound = new InboundCursor(1, true, [Text(5, "p5")], FetchesInFlight: 1) };

        var failed = Reduce(state, new MissedMessagesFetched(1, [], "503", Now));
        Assert.That(failed.State.Inbound.CatchingUp, Is.True);
        Assert.That(failed.State.Inbound.Held.Select(m => m.Seq), Is.EqualTo(new[] { 5L }));
        Assert.That(All<ArmTimer>(failed.Commands).Select(t => t.Name), Is.EqualTo(new[] { SessionTimers.CatchUpRetry }));

        var retry = Reduce(failed.State, new TimerFired(SessionTimers.CatchUpRetry, All<ArmTimer>(failed.Commands)[0].Token, Now));
        Assert.That(All<FetchMissedMessages>(retry.Commands), Is.EqualTo(new[] { new FetchMissedMessages(1) }));
        Assert.That(retry.State.Inbound.FetchesInFlight, Is.EqualTo(1));
    }

    [Test]
    public void A_stale_retry_fire_after_a_reconnect_starts_no_second_fetch()
    {
        var state = Connected(RemoteRunning()) with { Inbound = new InboundCursor(1, true, [], FetchesInFlight: 1) };
        var failed = Reduce(state, new MissedMessagesFetched(1, [], "503", Now));
        var token = All<ArmTimer>(failed.Commands).Single().Token;

        var down = Reduce(failed.State, new SocketDisconnected("transport close", Now));
        Assert.That(All<CancelTimer>(down.Commands).Select(c => c.Name), Does.Contain(SessionTimers.CatchUpRetry));
        var up = Reduce(down.State, new SocketConnected(Now));
        Assert.That(All<FetchMissedMessages>(up.Commands), Has.Count.EqualTo(1));

        var staleFire = Reduce(up.State, new TimerFired(SessionTimers.CatchUpRetry, token, Now));

        Assert.That(All<FetchMissedMessages>(staleFire.Commands), Is.Empty);
        Assert.That(staleFire.State.Inbound.FetchesInFlight, Is.EqualTo(1));
    }

    [Test]
    public void A_reconnect_while_a_fetch_runs_waits_for_the_newer_fetch_before_ending_the_catch_up()
    {
        // fetch 1 at the first connect; the socket drops; the phone's p3 is stored while it is down; a reconnect
        // starts fetch 2. Fetch 1's answer (taken before p3 was stored) must not end the catch-up, or p3 is never seen.
        var state = Reduce(Connected(RemoteRunning()) with { Inbound = new InboundCursor(1, false, []) }, new SocketConnected(Now)).State;
        state = Reduce(state, new SocketDisconnected("ping timeout", Now)).State;
        state = Reduce(state, new SocketConnected(Now)).State;
        Assert.That(state.Inbound.FetchesInFlight, Is.EqualTo(2));

        var first = Reduce(state, new MissedMessagesFetched(1, [Text(2, "p2")], null, Now));
        Assert.That(Sent(first.Commands), Is.Empty);
        Assert.That(first.State.Inbound.CatchingUp, Is.True);

        var second = Reduce(first.State, new MissedMessagesFetched(1, [Text(2, "p2"), Text(3, "p3")], null, Now));
        var delivered = Sent(second.Commands).Concat(second.State.BufferedMessages.Select(m => m.LocalId)).ToList();
        Assert.That(delivered, Is.EqualTo(new[] { "p2", "p3" }));
        Assert.That((second.State.Inbound.CatchingUp, second.State.Inbound.FetchesInFlight, second.State.Inbound.LastSeq), Is.EqualTo((false, 0, 3L)));
    }

    [Test]
    public void A_failed_newer_fetch_is_retried_even_when_an_older_fetch_answers_after_it()
    {
        // Found by the simulation (S6, seed 6, iteration 120): fetch 1 runs slowly; the socket drops and p3 is stored
        // while it is down; the reconnect's fetch 2 fails first; fetch 1 then answers with its old snapshot. The catch-up
        // must not end on that answer (p3 would never be seen): it retries, and the retry's snapshot ends it.
        var state = Reduce(Connected(RemoteRunning()) with { Inbound = new InboundCursor(1, false, []) }, new SocketConnected(Now)).State;
        state = Reduce(state, new SocketDisconnected("ping timeout", Now)).State;
        state = Reduce(state, new SocketConnected(Now)).State;

        var newerFailed = Reduce(state, new MissedMessagesFetched(1, [], "503", Now));
        Assert.That(newerFailed.State.Inbound.CatchingUp, Is.True);

        var olderAnswered = Reduce(newerFailed.State, new MissedMessagesFetched(1, [Text(2, "p2")], null, Now));
        Assert.That(Sent(olderAnswered.Commands), Is.Empty, "the old snapshot alone does not end the catch-up");
        Assert.That(olderAnswered.State.Inbound.CatchingUp, Is.True);
        var retryTimer = All<ArmTimer>(olderAnswered.Commands).Single(t => t.Name == SessionTimers.CatchUpRetry);

        var retry = Reduce(olderAnswered.State, new TimerFired(SessionTimers.CatchUpRetry, retryTimer.Token, Now));
        Assert.That(All<FetchMissedMessages>(retry.Commands), Is.EqualTo(new[] { new FetchMissedMessages(1) }));

        var answered = Reduce(retry.State, new MissedMessagesFetched(1, [Text(2, "p2"), Text(3, "p3")], null, Now));
        var delivered = Sent(answered.Commands).Concat(answered.State.BufferedMessages.Select(m => m.LocalId)).ToList();
        Assert.That(delivered, Is.EqualTo(new[] { "p2", "p3" }));
        Assert.That(answered.State.Inbound.CatchingUp, Is.False);
    }

    [Test]
    public void A_failed_fetch_while_offline_arms_no_retry_and_the_next_connect_fetches_again()
    {
        var state = RemoteRunning() with { Inbound = new InboundCursor(4, true, [], FetchesInFlight: 1) };
        state = state with { Connection = state.Connection with { SessionSocket = false } };

        var failed = Reduce(state, new MissedMessagesFetched(4, [], "unreachable", Now));
        Assert.That(All<ArmTimer>(failed.Commands), Is.Empty);
        Assert.That(failed.State.Inbound.CatchingUp, Is.True);

        var up = Reduce(failed.State, new SocketConnected(Now));
        Assert.That(All<FetchMissedMessages>(up.Commands), Is.EqualTo(new[] { new FetchMissedMessages(4) }));
    }

    private static SessionState Connected(SessionState s) => s with { Connection = s.Connection with { SessionSocket = true } };
}
