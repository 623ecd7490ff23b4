using Delight.Runtime.Agents;

namespace Delight.Sim.StandIns.Session;

/// <summary>Effects the stand-in session's reducer asks for; run in order by the effects runner.</summary>
public abstract record SessionCommand;

public sealed record StartRunner(long Gen, AgentMode Mode) : SessionCommand;

public sealed record StopRunner(long Gen, AgentMode Mode) : SessionCommand;

public sealed record SendToAgent(long Gen, string LocalId, string Text) : SessionCommand;

public sealed record ReplySwitch(SwitchReply Reply, long Gen, AgentMode Mode, string? Error) : SessionCommand;

public sealed record Decide(PermissionPromise Promise, bool Allow, string? Message) : SessionCommand;

public sealed record EmitEphemeral(string Kind, string? RequestId, string? Tool, string? LocalId) : SessionCommand;

public sealed record EmitMessage(string LocalId, string Text) : SessionCommand;

public sealed record Persist(string Json, long ExpectedVersion) : SessionCommand;

public sealed record ReplyShutdown(ShutdownReply Reply) : SessionCommand;

/// <summary>session-alive with a monotonic turn id, so the relay can ignore a stale keep-alive (S8's fix).</summary>
public sealed record EmitAlive(bool Working, long TurnId) : SessionCommand;
