using System.Collections.Immutable;
using Delight.Runtime.Agents;
using Delight.Sim.StandIns.Wire;

namespace Delight.Sim.StandIns.Session;

public enum SessionFsm
{
    Closed,
    LocalStarting,
    LocalRunning,
    RemoteStarting,
    RemoteRunning,
    Closing,
}

public sealed record BufferedMessage(string LocalId, string Text);

public sealed record OpenPermission(string RequestId, string Tool, PermissionPromise Promise);

/// <summary>The stand-in SessionRuntime's immutable state (RUNTIME.md §2.1, with the §10 fixes).</summary>
public sealed record SessionState(
    SessionFsm Fsm,
    AgentMode Mode,
    long Gen,
    bool ShutdownReduced,
    ImmutableList<BufferedMessage> Buffered,
    ImmutableHashSet<string> SeenLocalIds,
    ImmutableSortedDictionary<string, OpenPermission> Requests,
    ImmutableList<SwitchReply> PendingSwitches,
    ShutdownReply? PendingShutdown,
    long AgentStateVersion,
    bool PersistInFlight,
    bool PersistDirty,
    bool WsConnected,
    bool Working = false,
    long TurnId = 0)
{
    public static SessionState Initial { get; } = new(
        SessionFsm.Closed, AgentMode.Local, 0, false, [], ImmutableHashSet<string>.Empty,
        ImmutableSortedDictionary<string, OpenPermission>.Empty, [], null, 0, false, PersistDirty: true, false);

    public bool IsRunning(AgentMode mode) =>
        (mode == AgentMode.Remote && Fsm == SessionFsm.RemoteRunning) || (mode == AgentMode.Local && Fsm == SessionFsm.LocalRunning);

    public bool IsStarting(AgentMode mode) =>
        (mode == AgentMode.Remote && Fsm == SessionFsm.RemoteStarting) || (mode == AgentMode.Local && Fsm == SessionFsm.LocalStarting);

    public bool HasRunner => Fsm is not SessionFsm.Closed;

    /// <summary>The durable agent state the phone reads.</summary>
    public string DurableJson() => StandInWire.Write(new DurableAgentState(Mode == AgentMode.Local, [.. Requests.Keys]));
}
