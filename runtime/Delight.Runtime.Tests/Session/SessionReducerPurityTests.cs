using System.Text.Json;
using Delight.Runtime.Agents;
using Delight.Runtime.Session;
using NUnit.Framework;
using static Delight.Runtime.Tests.Session.SessionFixtures;

namespace Delight.Runtime.Tests.Session;

/// <summary>
/// For every event kind: reducing the same input twice gives structurally equal output (canonical JSON of state and
/// commands), and the input state is unchanged. Also: every event and command survives a JSON round trip (captures).
/// </summary>
[TestFixture]
public sealed class SessionReducerPurityTests
{
    /// <summary>A state with something in every collection, so a mutation anywhere would show.</summary>
    private static SessionState Rich()
    {
        var s = RemoteRunning(2).WithPrompt().WithPendingSwitch(4, AgentMode.Remote).WithBuffered(Msg(1), Msg(2, "two"));
        return s with
        {
            Working = true,
            KeepAliveToken = 60,
            NextTimerToken = 61,
            Echo = new EchoWindows([new EchoEntry("hello", Now - 10)], [new EchoEntry("o1", Now - 10)]),
            Persist = s.Persist with { InFlightSeq = 3, NextSeq = 4, Waiters = [new PersistWaiter(8, true, 3)], RetryBudget = 1 },
            AgentState = s.AgentState with
            {
                CompletedRequests = AgentStateDoc.EmptyCompleted.SetItem("old", new CompletedRequestRecord("Read", "{}", true, null, 5)),
            },
            MetadataJson = "{\"path\":\"/w\"}",
            MetadataVersion = 2,
            TakebackWatching = true,
            Inbound = new InboundCursor(4, true, [new InboundUserMessage("held", null, "p7", Now, 6)], FetchesInFlight: 1, RetryToken: 0),
        };
    }

    /// <summary>One sample of every event kind (the coverage test below fails when a kind is added without one).</summary>
    public static IEnumerable<SessionEvent> Samples() =>
    [
        new SwitchModeRequested(AgentMode.Local, 11, Now),
        new DesktopTakeback(Now),
        new InboundUserMessage("hi", "{\"model\":\"x\"}", "p9", Now),
        new MissedMessagesFetched(0, [new InboundUserMessage("missed", null, "p8", Now, 1)], null, Now),
        new LocalUserMessage("hi", null, "c9", 11, Now),
        new AbortRequested(11, Now),
        new AgentConfigRequested("opus", "default", null, 11, Now),
        new AgentSettingsRequested(11),
        new PersistWaitRequested(11),
        new Shutdown(11, Now),
        new PermissionAwaited(2, "r2", "Edit", "{}", 90, Now),
        new PermissionWithdrawn("r1", 77, "stop", Now),
        new PermissionDecided("r1", true, null, 11, Now),
        new SocketConnected(Now),
        new SocketDisconnected("bye", Now),
        new TerminalConnected(Now),
        new TerminalDisconnected("bye", Now),
        new RunnerReady(2, AgentMode.Remote, Now),
        new RunnerExited(2, AgentMode.Remote, "crash", Now),
        new RunnerStopped(2, AgentMode.Remote, Now),
        new EngineWorking(2, AgentMode.Remote, false, Now),
        new EngineUiEvent(2, AgentMode.Remote, "e1", "tool", "end", "ok", "b", "f", Now),
        new OutboundRecordReady(2, AgentMode.Remote, "o2", "{\"role\":\"agent\"}", null, Now),
        new EngineSessionIdentified(2, AgentMode.Remote, "T", Now),
        new EngineRolloutPath(2, "/r", Now),
        new AgentDeliveryFailed(2, AgentMode.Remote, Msg(5), "pipe", Now),
        new TimerFired(SessionTimers.PersistDebounce, 0, Now),
        new TimerFired(SessionTimers.KeepAlive, 60, Now),
        new TimerFired(SessionTimers.PermissionTimeout("r1"), 50, Now),
        new PersistSucceeded(3, 3, 4),
        new PersistVersionMismatch(3, 3, 9),
        new PersistFailed(3, 3, "timeout"),
        new SessionMetadataUpdated("{\"path\":\"/w2\"}", 3, Now),
    ];

    public static IEnumerable<TestCaseData> Cases() =>
        Samples().Select((e, i) => new TestCaseData(e).SetName($"Pure_{i:00}_{e.GetType().Name}"));

    [TestCaseSource(nameof(Cases))]
    public void Reducing_the_same_input_twice_is_structurally_equal_and_leaves_the_input_unchanged(SessionEvent e)
    {
        foreach (var given in new[] { Rich(), Initial(), Closing(2), LocalRunning(1).WithPrompt() })
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

    [NUnit.Framework.Test]
    public void Every_event_kind_has_a_purity_sample()
    {
        var kinds = typeof(SessionEvent).Assembly.GetTypes()
            .Where(t => t.IsSealed && typeof(SessionEvent).IsAssignableFrom(t))
            .Select(t => t.Name)
            .ToHashSet();
        var sampled = Samples().Select(e => e.GetType().Name).ToHashSet();
        Assert.That(sampled, Is.EquivalentTo(kinds));
    }

    [TestCaseSource(nameof(Cases))]
    public void Event_round_trips_through_json(SessionEvent e)
    {
        var json = JsonSerializer.Serialize<SessionEvent>(e, SessionJson.Options);
        Assert.That(json, Does.StartWith("{\"kind\":"));
        var back = JsonSerializer.Deserialize<SessionEvent>(json, SessionJson.Options);
        Assert.That(back, Is.EqualTo(e));
    }

    [NUnit.Framework.Test]
    public void Every_command_kind_round_trips_through_json()
    {
        var all = new List<SessionCommand>();
        foreach (var given in new[] { Rich(), Initial(), LocalRunning(1), RemoteStarting(2).WithBuffered(Msg(1)) })
        {
            foreach (var e in Samples())
            {
                all.AddRange(Reduce(given, e).Commands);
            }
        }

        var seen = new HashSet<string>();
        foreach (var c in all)
        {
            var json = JsonSerializer.Serialize(c, SessionJson.Options);
            var back = JsonSerializer.Deserialize<SessionCommand>(json, SessionJson.Options);
            Assert.That(SessionJson.Canonical(back), Is.EqualTo(SessionJson.Canonical(c)));
            seen.Add(c.GetType().Name);
        }

        // Commands the reducer rarely emits from these states still serialize.
        foreach (var c in new SessionCommand[] { new CompleteReply(1, new ReplyAgentSettings("claude", new AgentCapabilities("claude", ["opus"], ["default"], []), AgentConfig.Empty, null)) })
        {
            var back = JsonSerializer.Deserialize<SessionCommand>(JsonSerializer.Serialize(c, SessionJson.Options), SessionJson.Options);
            Assert.That(SessionJson.Canonical(back), Is.EqualTo(SessionJson.Canonical(c)));
        }

        Assert.That(seen, Has.Count.GreaterThan(15), "the samples exercise most command kinds");
    }
}
