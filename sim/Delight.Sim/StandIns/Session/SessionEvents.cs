using Delight.Runtime.Agents;

namespace Delight.Sim.StandIns.Session;

/// <summary>Everything the stand-in session's reducer takes, from one inbox.</summary>
public abstract record SessionEvent;

public sealed record SwitchRequested(AgentMode Target, SwitchReply? Reply) : SessionEvent;

public sealed record InboundMessage(string LocalId, string Text) : SessionEvent;

public sealed record RunnerReady(long Gen, AgentMode Mode) : SessionEvent;

public sealed record RunnerExited(long Gen, AgentMode Mode, string? Error) : SessionEvent;

public sealed record StartTimedOut(long Gen, AgentMode Mode) : SessionEvent;

public sealed record OutboundRecord(long Gen, string LocalId, string Text) : SessionEvent;

public sealed record PermissionAwaited(long Gen, string RequestId, string Tool, PermissionPromise Promise) : SessionEvent;

public sealed record PermissionDecided(string RequestId, bool Allow) : SessionEvent;

public sealed record PermissionWithdrawn(string RequestId, string Reason) : SessionEvent;

public sealed record ShutdownRequested(ShutdownReply? Reply) : SessionEvent;

public sealed record PersistSucceeded(long Version) : SessionEvent;

public sealed record PersistMismatch(long ServerVersion) : SessionEvent;

public sealed record PersistFailed(string Error) : SessionEvent;

public sealed record SocketConnected : SessionEvent;

public sealed record SocketDisconnected : SessionEvent;

public sealed record MessageSendFailed(string LocalId, string Reason) : SessionEvent;

public sealed record WorkingChanged(long Gen, bool Working) : SessionEvent;

/// <summary>The keep-alive timer: the session-alive it causes carries the state the reducer holds at that point.</summary>
public sealed record KeepAliveTick : SessionEvent;
