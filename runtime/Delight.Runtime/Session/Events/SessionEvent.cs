using System.Text.Json.Serialization;
using Delight.Runtime.Agents;

namespace Delight.Runtime.Session;

/// <summary>
/// Everything the session reducer reacts to (RUNTIME.md §2.5): caller commands, socket events, engine events,
/// timer fires and effect results. Time (<c>NowMs</c>) and ids (<c>ReplyId</c>, <c>DecisionId</c>) are filled in by
/// the producer, so the reducer stays pure. A <c>ReplyId</c> names a caller's completion in the runtime's reply
/// registry; the reducer answers it with a <see cref="CompleteReply"/> command.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(SwitchModeRequested), "switch-mode")]
[JsonDerivedType(typeof(DesktopTakeback), "desktop-takeback")]
[JsonDerivedType(typeof(InboundUserMessage), "inbound-user-message")]
[JsonDerivedType(typeof(LocalUserMessage), "local-user-message")]
[JsonDerivedType(typeof(AbortRequested), "abort")]
[JsonDerivedType(typeof(AgentConfigRequested), "agent-config")]
[JsonDerivedType(typeof(AgentSettingsRequested), "agent-settings")]
[JsonDerivedType(typeof(PersistWaitRequested), "persist-wait")]
[JsonDerivedType(typeof(Shutdown), "shutdown")]
[JsonDerivedType(typeof(PermissionAwaited), "permission-awaited")]
[JsonDerivedType(typeof(PermissionWithdrawn), "permission-withdrawn")]
[JsonDerivedType(typeof(PermissionDecided), "permission-decided")]
[JsonDerivedType(typeof(SocketConnected), "socket-connected")]
[JsonDerivedType(typeof(SocketDisconnected), "socket-disconnected")]
[JsonDerivedType(typeof(TerminalConnected), "terminal-connected")]
[JsonDerivedType(typeof(TerminalDisconnected), "terminal-disconnected")]
[JsonDerivedType(typeof(RunnerReady), "runner-ready")]
[JsonDerivedType(typeof(RunnerExited), "runner-exited")]
[JsonDerivedType(typeof(RunnerStopped), "runner-stopped")]
[JsonDerivedType(typeof(EngineWorking), "engine-working")]
[JsonDerivedType(typeof(EngineUiEvent), "engine-ui-event")]
[JsonDerivedType(typeof(OutboundRecordReady), "outbound-record")]
[JsonDerivedType(typeof(EngineSessionIdentified), "engine-session-identified")]
[JsonDerivedType(typeof(EngineRolloutPath), "engine-rollout-path")]
[JsonDerivedType(typeof(AgentDeliveryFailed), "agent-delivery-failed")]
[JsonDerivedType(typeof(TimerFired), "timer-fired")]
[JsonDerivedType(typeof(SessionMetadataUpdated), "session-metadata-updated")]
[JsonDerivedType(typeof(PersistSucceeded), "persist-succeeded")]
[JsonDerivedType(typeof(PersistVersionMismatch), "persist-version-mismatch")]
[JsonDerivedType(typeof(PersistFailed), "persist-failed")]
[JsonDerivedType(typeof(MissedMessagesFetched), "missed-messages-fetched")]
public abstract record SessionEvent;

// ---- Caller commands (CLI, RPC handlers, takeback watcher) --------------------------------------------------------

/// <summary>cmdSwitchMode: switch RPC, CLI startup, SwitchModeAsync.</summary>
public sealed record SwitchModeRequested(AgentMode Target, long? ReplyId, long NowMs) : SessionEvent;

/// <summary>evDesktopTakeback: equivalent to a switch to local with no reply.</summary>
public sealed record DesktopTakeback(long NowMs) : SessionEvent;

/// <summary>cmdInboundUserMessage: a phone user-text record decrypted at the socket edge (§3.3).</summary>
public sealed record InboundUserMessage(string Text, string? MetaJson, string LocalId, long NowMs, long Seq = 0) : SessionEvent;

/// <summary>The catch-up fetch after a connect answered: the phone texts stored after <see cref="AfterSeq"/> (already
/// decrypted at the edge), or the error.</summary>
public sealed record MissedMessagesFetched(long AfterSeq, System.Collections.Immutable.ImmutableArray<InboundUserMessage> Messages, string? Error, long NowMs) : SessionEvent
{
    /// <summary>By value, messages included (an ImmutableArray compares by reference).</summary>
    public bool Equals(MissedMessagesFetched? other) =>
        other is not null && AfterSeq == other.AfterSeq && Error == other.Error && NowMs == other.NowMs
        && Messages.AsSpan().SequenceEqual(other.Messages.AsSpan());

    public override int GetHashCode() => HashCode.Combine(AfterSeq, Messages.Length, Error, NowMs);
}

/// <summary>cmdRemoteSend: a message typed through the CLI API while remote.</summary>
public sealed record LocalUserMessage(string Text, string? MetaJson, string LocalId, long ReplyId, long NowMs) : SessionEvent;

/// <summary>cmdAbortRemote: the abort RPC.</summary>
public sealed record AbortRequested(long ReplyId, long NowMs) : SessionEvent;

/// <summary>cmdSetAgentConfig: null or empty fields mean "unchanged".</summary>
public sealed record AgentConfigRequested(string? Model, string? PermissionMode, string? ReasoningEffort, long ReplyId, long NowMs) : SessionEvent;

/// <summary>cmdGetAgentEngineSettings: the agent-capabilities RPC.</summary>
public sealed record AgentSettingsRequested(long ReplyId) : SessionEvent;

/// <summary>cmdWaitForAgentStatePersist.</summary>
public sealed record PersistWaitRequested(long ReplyId) : SessionEvent;

/// <summary>cmdShutdown.</summary>
public sealed record Shutdown(long? ReplyId, long NowMs) : SessionEvent;

// ---- Permissions ------------------------------------------------------------------------------------------------

/// <summary>cmdPermissionAwait: an engine asks (through the agent host); <see cref="DecisionId"/> names its waiter.</summary>
public sealed record PermissionAwaited(long Generation, string RequestId, string ToolName, string InputJson, long DecisionId, long NowMs) : SessionEvent;

/// <summary>The engine stopped waiting (turn abort, runner stop, its own timeout): the prompt must leave the phone.</summary>
public sealed record PermissionWithdrawn(string RequestId, long DecisionId, string Reason, long NowMs) : SessionEvent;

/// <summary>cmdPermissionDecision: the permission RPC. The reply reports an unknown id (the RPC sees it).</summary>
public sealed record PermissionDecided(string RequestId, bool Allow, string? Message, long? ReplyId, long NowMs) : SessionEvent;

// ---- Sockets ----------------------------------------------------------------------------------------------------

public sealed record SocketConnected(long NowMs) : SessionEvent;

public sealed record SocketDisconnected(string Reason, long NowMs) : SessionEvent;

public sealed record TerminalConnected(long NowMs) : SessionEvent;

public sealed record TerminalDisconnected(string Reason, long NowMs) : SessionEvent;

// ---- Engine events (stamped with the generation the runner was started with) -----------------------------------

public sealed record RunnerReady(long Generation, AgentMode Mode, long NowMs) : SessionEvent;

/// <summary>A runner exited (or failed to start: the effects runner reports a start failure as an exit).</summary>
public sealed record RunnerExited(long Generation, AgentMode Mode, string? Error, long NowMs) : SessionEvent;

/// <summary>A stop of this runner completed (engines that emit no exit on stop still let Closing reach Closed).</summary>
public sealed record RunnerStopped(long Generation, AgentMode Mode, long NowMs) : SessionEvent;

public sealed record EngineWorking(long Generation, AgentMode Mode, bool Working, long NowMs) : SessionEvent;

public sealed record EngineUiEvent(
    long Generation,
    AgentMode Mode,
    string EventId,
    string UiKind,
    string Phase,
    string Status,
    string BriefMarkdown,
    string FullMarkdown,
    long NowMs) : SessionEvent;

/// <summary>evOutboundMessageReady: a plaintext record to encrypt and send as a session message.</summary>
public sealed record OutboundRecordReady(long Generation, AgentMode Mode, string LocalId, string RecordJson, string? UserTextNormalized, long NowMs) : SessionEvent;

public sealed record EngineSessionIdentified(long Generation, AgentMode Mode, string ResumeToken, long NowMs) : SessionEvent;

public sealed record EngineRolloutPath(long Generation, string Path, long NowMs) : SessionEvent;

/// <summary>A send or inject never reached the runner it was meant for (the send threw, or the engine cannot inject).
/// The message is redelivered, never lost; a failed remote send of the current runner counts as its death (F4).</summary>
public sealed record AgentDeliveryFailed(long Generation, AgentMode Mode, BufferedMessage Message, string Error, long NowMs) : SessionEvent;

// ---- Timers and persistence results -----------------------------------------------------------------------------

/// <summary>A timer armed with <see cref="ArmTimer"/> fired; a <see cref="Token"/> other than the armed one is stale.</summary>
public sealed record TimerFired(string Name, long Token, long NowMs) : SessionEvent;

/// <summary>The relay broadcast <c>update-session</c> with new metadata for this session (it refreshes metadata by CAS
/// when a session is reattached, PROTOCOL.md §6.4); <see cref="MetadataJson"/> is the decrypted value.</summary>
public sealed record SessionMetadataUpdated(string MetadataJson, long Version, long NowMs) : SessionEvent;

/// <summary>update-state acked with success. <see cref="Seq"/> and <see cref="ExpectedVersion"/> name the request.</summary>
public sealed record PersistSucceeded(long Seq, long ExpectedVersion, long NewVersion) : SessionEvent;

/// <summary>update-state acked version-mismatch with the server's (positive) version.</summary>
public sealed record PersistVersionMismatch(long Seq, long ExpectedVersion, long ServerVersion) : SessionEvent;

/// <summary>update-state failed (error ack, ack timeout, disconnected).</summary>
public sealed record PersistFailed(long Seq, long ExpectedVersion, string Error) : SessionEvent;
