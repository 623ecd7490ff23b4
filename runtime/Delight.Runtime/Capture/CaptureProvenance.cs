using Delight.Runtime.Session;

namespace Delight.Runtime.Capture;

/// <summary>
/// Derives a record's source and correlation from the runtime's own types, so a recorder needs no help from the
/// producers and any capture writer derives the same values.
/// </summary>
public static class CaptureProvenance
{
    public const string Reducer = "reducer";

    public static string SourceOf(SessionEvent @event) => @event switch
    {
        InboundUserMessage or PermissionDecided or SocketConnected or SocketDisconnected => "socket:session",
        TerminalConnected or TerminalDisconnected => "socket:terminal",
        RunnerReady e => Engine(e.Mode.ToString(), e.Generation),
        RunnerExited e => Engine(e.Mode.ToString(), e.Generation),
        RunnerStopped e => Engine(e.Mode.ToString(), e.Generation),
        EngineWorking e => Engine(e.Mode.ToString(), e.Generation),
        EngineUiEvent e => Engine(e.Mode.ToString(), e.Generation),
        OutboundRecordReady e => Engine(e.Mode.ToString(), e.Generation),
        EngineSessionIdentified e => Engine(e.Mode.ToString(), e.Generation),
        EngineRolloutPath e => Engine("local", e.Generation),
        PermissionAwaited => "engine:permission", // one source with its withdrawals, so their order is kept
        PermissionWithdrawn => "engine:permission",
        AgentDeliveryFailed => "effects:send",
        TimerFired e => $"timer:{e.Name}",
        PersistSucceeded or PersistVersionMismatch or PersistFailed => "effects:persist",
        MissedMessagesFetched => "effects:history",
        _ => "caller",
    };

    private static string Engine(string mode, long generation) => $"engine:{mode.ToLowerInvariant()}:{generation}";

    public static string? CorrelationOf(SessionEvent @event) => @event switch
    {
        SwitchModeRequested { ReplyId: { } r } => Reply(r),
        LocalUserMessage e => Reply(e.ReplyId),
        AbortRequested e => Reply(e.ReplyId),
        AgentConfigRequested e => Reply(e.ReplyId),
        AgentSettingsRequested e => Reply(e.ReplyId),
        PersistWaitRequested e => Reply(e.ReplyId),
        Shutdown { ReplyId: { } r } => Reply(r),
        PermissionDecided { ReplyId: { } r } => Reply(r),
        PermissionAwaited e => $"decision:{e.DecisionId}",
        PermissionWithdrawn e => $"decision:{e.DecisionId}",
        TimerFired e => $"timer:{e.Token}",
        PersistSucceeded e => $"persist:{e.Seq}",
        PersistVersionMismatch e => $"persist:{e.Seq}",
        PersistFailed e => $"persist:{e.Seq}",
        MissedMessagesFetched e => $"fetch:{e.AfterSeq}",
        RunnerReady e => $"runner:{e.Generation}",
        RunnerExited e => $"runner:{e.Generation}",
        RunnerStopped e => $"runner:{e.Generation}",
        _ => null,
    };

    public static string? CorrelationOf(SessionCommand command) => command switch
    {
        CompleteReply c => Reply(c.ReplyId),
        QueryAgentSettings c => Reply(c.ReplyId),
        CompletePermissionDecision c => $"decision:{c.DecisionId}",
        ArmTimer c => $"timer:{c.Token}",
        PersistAgentState c => $"persist:{c.Seq}",
        FetchMissedMessages c => $"fetch:{c.AfterSeq}",
        StartRunner c => $"runner:{c.Generation}",
        StopRunner c => $"runner:{c.Generation}",
        _ => null,
    };

    private static string Reply(long id) => $"reply:{id}";
}
