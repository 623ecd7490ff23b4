using System.Text.Json.Serialization;
using Delight.Runtime.Agents;

namespace Delight.Runtime.Session;

/// <summary>
/// What the reducer asks the world to do (RUNTIME.md §2.6). Plain data: the effects runner executes them in order,
/// per resource, and reports results back as <see cref="SessionEvent"/>s.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(EmitMessage), "emit-message")]
[JsonDerivedType(typeof(EmitUiEvent), "emit-ui-event")]
[JsonDerivedType(typeof(EmitPermissionRequest), "emit-permission-request")]
[JsonDerivedType(typeof(EmitSessionAlive), "emit-session-alive")]
[JsonDerivedType(typeof(RegisterRpcMethods), "register-rpc-methods")]
[JsonDerivedType(typeof(StartRunner), "start-runner")]
[JsonDerivedType(typeof(StopRunner), "stop-runner")]
[JsonDerivedType(typeof(SendToAgent), "send-to-agent")]
[JsonDerivedType(typeof(InjectToAgent), "inject-to-agent")]
[JsonDerivedType(typeof(ApplyAgentConfig), "apply-agent-config")]
[JsonDerivedType(typeof(AbortAgent), "abort-agent")]
[JsonDerivedType(typeof(QueryAgentSettings), "query-agent-settings")]
[JsonDerivedType(typeof(ArmTimer), "arm-timer")]
[JsonDerivedType(typeof(CancelTimer), "cancel-timer")]
[JsonDerivedType(typeof(PersistAgentState), "persist-agent-state")]
[JsonDerivedType(typeof(FetchMissedMessages), "fetch-missed-messages")]
[JsonDerivedType(typeof(CompleteReply), "complete-reply")]
[JsonDerivedType(typeof(CompletePermissionDecision), "complete-permission-decision")]
[JsonDerivedType(typeof(PrintToDesktop), "print")]
[JsonDerivedType(typeof(SessionEnded), "session-ended")]
[JsonDerivedType(typeof(StartTakebackWatcher), "start-takeback-watcher")]
[JsonDerivedType(typeof(StopTakebackWatcher), "stop-takeback-watcher")]
[JsonDerivedType(typeof(PersistLocalSessionInfo), "persist-local-session-info")]
public abstract record SessionCommand;

// ---- Socket -----------------------------------------------------------------------------------------------------

/// <summary>Msg: encrypt <see cref="RecordJson"/> with the session data key and emit <c>message</c>.</summary>
public sealed record EmitMessage(string? LocalId, string RecordJson) : SessionCommand;

/// <summary>Eph(ui.event): persisted as an encrypted <c>role:"event"</c> message, then emitted as an ephemeral.</summary>
public sealed record EmitUiEvent(string EventId, string UiKind, string Phase, string Status, string BriefMarkdown, string FullMarkdown, long AtMs) : SessionCommand;

/// <summary>Eph(permission-request).</summary>
public sealed record EmitPermissionRequest(string RequestId, string ToolName, string InputJson) : SessionCommand;

/// <summary>Act(w): <c>session-alive{sid, time, working}</c>. <see cref="Seq"/> is the reducer's monotonic activity
/// sequence (one writer; keep-alives included).</summary>
public sealed record EmitSessionAlive(bool Working, long AtMs, long Seq) : SessionCommand;

/// <summary>Emit <c>rpc-register</c> for every session method (on every connect).</summary>
public sealed record RegisterRpcMethods : SessionCommand;

// ---- Agent ------------------------------------------------------------------------------------------------------

public sealed record StartRunner(long Generation, AgentMode Mode, string? ResumeToken, string? RolloutPath, AgentConfig Config) : SessionCommand;

/// <summary>StopL/StopR. <see cref="Silent"/>: no banner on the desktop.</summary>
public sealed record StopRunner(long Generation, AgentMode Mode, bool Silent) : SessionCommand;

/// <summary>Send(g, m) through the one FIFO send queue.</summary>
public sealed record SendToAgent(long Generation, BufferedMessage Message) : SessionCommand;

/// <summary>Inject(g, m): type the phone text into the local runner (same FIFO queue as sends).</summary>
public sealed record InjectToAgent(long Generation, BufferedMessage Message) : SessionCommand;

/// <summary>Apply(g, cfg): on its own path, never behind a blocked send.</summary>
public sealed record ApplyAgentConfig(long Generation, AgentConfig Config) : SessionCommand;

/// <summary>Abort(g): on its own path, never behind a blocked send.</summary>
public sealed record AbortAgent(long Generation) : SessionCommand;

/// <summary>QuerySettings: answer <see cref="ReplyId"/> with the engine's capabilities and configs.</summary>
public sealed record QueryAgentSettings(long ReplyId, long Generation, string AgentType, AgentConfig Desired, bool RunnerActive) : SessionCommand;

// ---- Timers and persistence -------------------------------------------------------------------------------------

/// <summary>Replaces any timer named <see cref="Name"/>; it fires <see cref="TimerFired"/> with <see cref="Token"/>.</summary>
public sealed record ArmTimer(string Name, long Token, long DelayMs) : SessionCommand;

public sealed record CancelTimer(string Name) : SessionCommand;

/// <summary>Persist: <c>update-state</c> with ack; the result comes back carrying <see cref="Seq"/>.</summary>
/// <summary>Catch-up: fetch the session's messages stored after <see cref="AfterSeq"/> (phone texts sent while the
/// session socket was down never reach it as updates) and answer with <see cref="MissedMessagesFetched"/>.</summary>
public sealed record FetchMissedMessages(long AfterSeq) : SessionCommand;

public sealed record PersistAgentState(long Seq, string AgentStateJson, long ExpectedVersion) : SessionCommand;

/// <summary>PersistLocalSessionInfo: read-merge-write <c>sessions/&lt;id&gt;/local.json</c> under the Delight home
/// (ENGINES.md §8.2); only non-empty fields overwrite. Never sent to the server (it holds machine paths).</summary>
public sealed record PersistLocalSessionInfo(string SessionId, string AgentType, string? ResumeToken, string? RolloutPath) : SessionCommand;

// ---- Replies ----------------------------------------------------------------------------------------------------

/// <summary>Reply(r, outcome): completes a caller's task (after the state it reports is committed).</summary>
public sealed record CompleteReply(long ReplyId, ReplyOutcome Outcome) : SessionCommand;

/// <summary>Decide(d): completes an engine's permission wait.</summary>
public sealed record CompletePermissionDecision(long DecisionId, bool Allow, string? Message) : SessionCommand;

// ---- Desktop and process ----------------------------------------------------------------------------------------

public sealed record PrintToDesktop(string Text) : SessionCommand;

/// <summary>TB+: start the desktop takeback watcher (space twice within 15 s → <see cref="DesktopTakeback"/>, Ctrl+C →
/// <see cref="Shutdown"/>). Asked for while a remote runner runs; a world without a terminal has no watcher.</summary>
public sealed record StartTakebackWatcher : SessionCommand;

/// <summary>TB-: stop the watcher (the terminal goes back to the local runner or the session ends).</summary>
public sealed record StopTakebackWatcher : SessionCommand;

/// <summary>The session reached Closed for good: the runtime's completion finishes (Manager.Wait returns).</summary>
public sealed record SessionEnded(string? Error) : SessionCommand;
