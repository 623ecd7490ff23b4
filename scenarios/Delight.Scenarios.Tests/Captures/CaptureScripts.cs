using Delight.Runtime.Agents;
using Delight.Runtime.Capture;
using Delight.Runtime.Session;

namespace Delight.Scenarios.Tests.Captures;

/// <summary>Records short scripted sessions through the real loop and reducer, for the capture tests.</summary>
internal static class CaptureScripts
{
    public const string SessionId = "cmb3secretsessionid";

    public static CaptureInitialState Initial() =>
        new(SessionSettings.Create(SessionId, "claude", "/home/alice/secret-project"), AgentStateDoc.Create("claude"), 0);

    /// <summary>A phone-to-agent conversation: connect, switch to remote, two quick messages, output, shutdown.</summary>
    public static IReadOnlyList<SessionEvent> Conversation() =>
    [
        new SocketConnected(0),
        new SwitchModeRequested(AgentMode.Remote, 1, 10),
        new PersistSucceeded(1, 0, 1),
        new RunnerReady(1, AgentMode.Remote, 20),
        new InboundUserMessage("please refactor the billing module", null, "phone-local-1", 30),
        new InboundUserMessage("and add tests", null, "phone-local-2", 31),
        new EngineWorking(1, AgentMode.Remote, true, 32),
        new OutboundRecordReady(1, AgentMode.Remote, "agent-local-1",
            """{"role":"agent","content":{"type":"output","data":{"type":"assistant","message":{"role":"assistant","content":[{"type":"text","text":"Done: moved the tax code."}]}}}}""",
            null, 40),
        new EngineWorking(1, AgentMode.Remote, false, 50),
        new Shutdown(2, 60),
    ];

    /// <summary>Reduces the events one by one with the real reducer and records each transition, as the loop's
    /// observer would (the replay under test then runs them through the real loop).</summary>
    public static CaptureRecorder Record(IEnumerable<SessionEvent> events, string producer = "test-script")
    {
        var clock = new ManualClock();
        var recorder = new CaptureRecorder(Initial(), clock, producer);
        var state = Initial().ToState();
        foreach (var @event in events)
        {
            clock.Set(NowOf(@event));
            var transition = SessionReducer.Instance.Reduce(state, @event);
            recorder.OnTransition(state, @event, transition.State, transition.Commands.AsSpan());
            state = transition.State;
        }

        return recorder;
    }

    private static long NowOf(SessionEvent @event) =>
        @event.GetType().GetProperty("NowMs")?.GetValue(@event) is long now ? now : 0;

    private sealed class ManualClock : TimeProvider
    {
        private long _ms;

        public void Set(long ms) => _ms = Math.Max(_ms, ms);

        public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(_ms);
    }
}
