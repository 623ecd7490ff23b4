namespace Delight.Agents.Daemon;

/// <summary>Effects the daemon's reducer asks for. The effects runner encrypts, talks to the relay, arms timers and
/// exits the process; results come back as <see cref="DaemonEvent"/>s.</summary>
public abstract record DaemonCommand;

/// <summary><c>POST /v1/terminals</c> with the metadata and daemon state encrypted with the master secret.</summary>
public sealed record RegisterTerminal(TerminalMetadata Metadata, DaemonStateRecord State) : DaemonCommand;

/// <summary><c>rpc-register</c> for each method, on every (re)connect.</summary>
public sealed record RegisterRpcMethods(IReadOnlyList<string> Methods) : DaemonCommand;

/// <summary><c>terminal-alive</c> stamped with the clock when emitted.</summary>
public sealed record EmitTerminalAlive : DaemonCommand;

/// <summary><c>terminal-update-state</c> with the encrypted state and the expected version.</summary>
public sealed record WriteDaemonState(DaemonStateRecord State, long ExpectedVersion) : DaemonCommand;

/// <summary>Acks an RPC. <paramref name="ResultJson"/> is the plaintext result; encrypted with the master secret when
/// <paramref name="Encrypt"/>.</summary>
public sealed record ReplyRpc(long ReplyId, string ResultJson, bool Encrypt) : DaemonCommand;

/// <summary>Posts <paramref name="Event"/> after <paramref name="Delay"/>.</summary>
public sealed record StartTimer(TimeSpan Delay, DaemonEvent Event) : DaemonCommand;

/// <summary>Closes the session in the background: sockets, child sessions, the session actor and the engine.</summary>
public sealed record CloseSession : DaemonCommand;

public sealed record ExitProcess(int ExitCode) : DaemonCommand;
