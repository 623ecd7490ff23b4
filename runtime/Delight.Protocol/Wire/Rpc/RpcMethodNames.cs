namespace Delight.Protocol.Wire.Rpc;

/// <summary>The RPC method catalogue (§5.3): the part after <c>&lt;scope&gt;:</c>.</summary>
public static class RpcMethodNames
{
    // Session scope: <sessionId>:<name>, registered on the CLI session socket.
    public const string Abort = "abort";
    public const string Switch = "switch";
    public const string Permission = "permission";
    public const string AgentConfig = "agent-config";
    public const string AgentCapabilities = "agent-capabilities";

    // Terminal scope: <terminalId>:<name>, registered on the CLI terminal socket.
    public const string StopDaemon = "stop-daemon";
    public const string RestartDaemon = "restart-daemon";
    public const string Ping = "ping";

    // [LEGACY/UNUSED] terminal scope, removed 2026-01-03.
    public const string SpawnSession = "spawn-session";
    public const string StopSession = "stop-session";

    /// <summary>Legacy name of <see cref="SpawnSession"/>.</summary>
    public const string SpawnHappySession = "spawn-happy-session";

    public static IReadOnlyList<string> SessionScoped { get; } = [Abort, Switch, Permission, AgentConfig, AgentCapabilities];

    public static IReadOnlyList<string> TerminalScoped { get; } = [StopDaemon, RestartDaemon, Ping];
}
