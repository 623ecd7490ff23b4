using System.Collections.Immutable;
using Delight.Runtime.Actor;
using Delight.Runtime.Agents;
using Delight.Runtime.Session;

namespace Delight.Runtime.Tests.Session;

/// <summary>States and helpers for pure reducer tests.</summary>
internal static class SessionFixtures
{
    public const string Sid = "sid-1";
    public const long Now = 1_000_000;

    public static SessionSettings Settings { get; } = SessionSettings.Create(Sid, "claude", "/work");

    public static SessionState Initial() => SessionState.Initial(Settings, agentStateVersion: 3);

    public static SessionState With(FsmState fsm, long gen, AgentMode? mode = null)
    {
        var m = mode ?? (fsm is FsmState.RemoteStarting or FsmState.RemoteRunning ? AgentMode.Remote : AgentMode.Local);
        var s = Initial();
        return s with
        {
            Fsm = fsm,
            RunnerGen = gen,
            Mode = m,
            AgentState = s.AgentState with { ControlledByUser = m == AgentMode.Local },
            Connection = s.Connection with { SessionSocket = true, SessionConnects = 1 },
        };
    }

    public static SessionState LocalRunning(long gen = 1) => With(FsmState.LocalRunning, gen);

    public static SessionState LocalStarting(long gen = 1) => With(FsmState.LocalStarting, gen);

    public static SessionState RemoteStarting(long gen = 2) => With(FsmState.RemoteStarting, gen);

    public static SessionState RemoteRunning(long gen = 2) => With(FsmState.RemoteRunning, gen);

    public static SessionState Closing(long gen = 2) => With(FsmState.Closing, gen, AgentMode.Remote) with { ShutdownRequested = true };

    public static SessionState ClosedAfterShutdown(long gen = 2) => With(FsmState.Closed, gen, AgentMode.Remote) with { ShutdownRequested = true };

    public static BufferedMessage Msg(long seq, string text = "hello") => new(seq, text, null, $"l{seq}", Now);

    public static SessionState WithBuffered(this SessionState s, params BufferedMessage[] messages) =>
        s with { BufferedMessages = [.. messages], NextMessageSeq = messages.Length == 0 ? 1 : messages.Max(m => m.Seq) + 1 };

    public static SessionState WithPendingSwitch(this SessionState s, long replyId, AgentMode target) =>
        s with { PendingSwitches = s.PendingSwitches.Add(new PendingSwitch(replyId, target)) };

    /// <summary>A pending prompt "r1" awaited by decision 77 of the current runner.</summary>
    public static SessionState WithPrompt(this SessionState s, string requestId = "r1", long decisionId = 77, long token = 50) =>
        s with
        {
            AgentState = s.AgentState with { Requests = s.AgentState.Requests.SetItem(requestId, new PermissionRequestRecord("Bash", "{\"cmd\":\"ls\"}", Now - 10)) },
            PendingPermissions = s.PendingPermissions.SetItem(requestId, new PendingPermission(requestId, s.RunnerGen, [decisionId], token)),
            NextTimerToken = Math.Max(s.NextTimerToken, token + 1),
        };

    public static SessionState WithPermissionMode(this SessionState s, string mode) =>
        s with { AgentState = s.AgentState with { PermissionMode = mode } };

    public static SessionState InFlight(this SessionState s, long seq) =>
        s with { Persist = s.Persist with { InFlightSeq = seq, NextSeq = seq + 1 } };

    public static Transition<SessionState, SessionCommand> Reduce(SessionState s, SessionEvent e) => SessionReducer.Instance.Reduce(s, e);

    public static IReadOnlyList<string> Kinds(ImmutableArray<SessionCommand> commands) =>
        [.. commands.Select(c => c.GetType().Name)];

    public static T Single<T>(ImmutableArray<SessionCommand> commands) where T : SessionCommand => commands.OfType<T>().Single();

    public static IReadOnlyList<T> All<T>(ImmutableArray<SessionCommand> commands) where T : SessionCommand => [.. commands.OfType<T>()];
}
