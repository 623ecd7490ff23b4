using Delight.Runtime.Agents;
using Delight.Runtime.Session;
using NUnit.Framework;
using static Delight.Runtime.Tests.Session.SessionFixtures;

namespace Delight.Runtime.Tests.Session;

/// <summary>
/// The purity check of <see cref="SessionReducerPurityTests"/> over more given states (starting, closed after shutdown,
/// an armed debounce, a catch-up in progress) and the timer and inbound variants whose paths the one-sample-per-kind
/// list does not reach (the debounce firing with its armed token, the catch-up retry, a seq'd inbound message held
/// while catching up, a failed fetch).
/// </summary>
[TestFixture]
public sealed class SessionReducerPurityMatrixTests
{
    private static SessionState[] Givens() =>
    [
        RemoteStarting(2).WithPendingSwitch(4, AgentMode.Remote).WithBuffered(Msg(1), Msg(2, "two")).WithPrompt(),
        LocalStarting(1).WithPendingSwitch(4, AgentMode.Local),
        ClosedAfterShutdown(2),
        LocalRunning(1) with { Persist = PersistState.Initial with { DebounceArmed = true, DebounceToken = 0, Dirty = true, Waiters = [new PersistWaiter(8, false, 1)] } },
        RemoteRunning(2) with { Inbound = new InboundCursor(2, true, [new InboundUserMessage("held", null, "p7", Now, 4)]) },
    ];

    private static IEnumerable<SessionEvent> ExtraSamples() =>
    [
        new TimerFired(SessionTimers.CatchUpRetry, 1, Now),
        new InboundUserMessage("seq'd", null, "p5", Now, 5),
        new MissedMessagesFetched(2, [new InboundUserMessage("missed", null, "p3", Now, 3)], null, Now),
        new MissedMessagesFetched(2, [], "503", Now),
        new SwitchModeRequested(AgentMode.Remote, 12, Now),
        new RunnerReady(1, AgentMode.Local, Now),
        new RunnerExited(1, AgentMode.Local, null, Now),
        new PermissionAwaited(1, "r3", "Bash", "{}", 91, Now),
    ];

    public static IEnumerable<TestCaseData> Cases() =>
        SessionReducerPurityTests.Samples().Concat(ExtraSamples())
            .Select((e, i) => new TestCaseData(e).SetName($"PureMatrix_{i:00}_{e.GetType().Name}"));

    [TestCaseSource(nameof(Cases))]
    public void Reducing_twice_from_every_given_state_is_structurally_equal_and_leaves_the_input_unchanged(SessionEvent e)
    {
        foreach (var given in Givens())
        {
            var before = SessionJson.Canonical(given);
            var first = Reduce(given, e);
            var second = Reduce(given, e);
            Assert.That(SessionJson.Canonical(second.State), Is.EqualTo(SessionJson.Canonical(first.State)));
            Assert.That(SessionJson.Canonical(second.Commands.ToArray()), Is.EqualTo(SessionJson.Canonical(first.Commands.ToArray())));
            Assert.That(second.Commands, Is.EqualTo(first.Commands), "commands have value equality");
            Assert.That(SessionJson.Canonical(given), Is.EqualTo(before), "input state mutated");
        }
    }

    /// <summary>The armed-debounce given state really reaches the persist path (so the matrix is not vacuous).</summary>
    [NUnit.Framework.Test]
    public void The_armed_debounce_state_persists_on_its_token()
    {
        var t = Reduce(Givens()[3], new TimerFired(SessionTimers.PersistDebounce, 0, Now));
        Assert.That(All<PersistAgentState>(t.Commands), Has.Count.EqualTo(1));
    }

    /// <summary>The catching-up given state really reaches the held-message path.</summary>
    [NUnit.Framework.Test]
    public void The_catching_up_state_holds_a_live_message_and_releases_it_in_seq_order()
    {
        var held = Reduce(Givens()[4], new InboundUserMessage("seq'd", null, "p5", Now, 5));
        Assert.That(held.State.Inbound.Held.Select(m => m.Seq), Is.EqualTo(new long[] { 4, 5 }));
        Assert.That(All<SendToAgent>(held.Commands), Is.Empty);

        var released = Reduce(held.State, new MissedMessagesFetched(2, [new InboundUserMessage("missed", null, "p3", Now, 3)], null, Now));
        Assert.That(All<SendToAgent>(released.Commands).Select(c => c.Message.LocalId), Is.EqualTo(new[] { "p3", "p7", "p5" }));
    }
}
