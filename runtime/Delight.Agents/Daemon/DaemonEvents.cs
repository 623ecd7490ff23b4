namespace Delight.Agents.Daemon;

/// <summary>Inputs of the terminal daemon's reducer. Time arrives inside events.</summary>
public abstract record DaemonEvent;

public sealed record DaemonStarted(long AtMs) : DaemonEvent;

public sealed record TerminalRegistered(TerminalRegistration Registration) : DaemonEvent;

public sealed record TerminalRegistrationFailed(string Error) : DaemonEvent;

public sealed record RetryRegistrationDue : DaemonEvent;

public sealed record TerminalSocketConnected : DaemonEvent;

public sealed record TerminalSocketDisconnected(string Reason) : DaemonEvent;

public sealed record AliveTimerFired : DaemonEvent;

/// <summary>An <c>rpc-request</c> for this terminal. <paramref name="ReplyId"/> names the socket ack held by the effects.</summary>
public sealed record TerminalRpcRequested(long ReplyId, string Method, RpcParamsKind ParamsKind) : DaemonEvent;

public sealed record ShutdownStepDue(ShutdownStep Step) : DaemonEvent;

public sealed record ShutdownWatchdogFired(int ExitCode) : DaemonEvent;

/// <summary>The ack of <c>terminal-update-state</c>: <c>success</c>, <c>version-mismatch</c> or <c>error</c>.</summary>
public sealed record DaemonStateWriteAcked(string Result, long? Version) : DaemonEvent;
