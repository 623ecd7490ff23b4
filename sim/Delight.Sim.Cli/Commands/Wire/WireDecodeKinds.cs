namespace Delight.Sim.Cli.Commands.Wire;

/// <summary>The values of <c>wire decode --kind</c>.</summary>
internal static class WireDecodeKinds
{
    public const string Update = "update";
    public const string UpdateBody = "update-body";
    public const string Message = "message";
    public const string Content = "content";
    public const string Ephemeral = "ephemeral";
    public const string Record = "record";
    public const string RpcParams = "rpc-params";
    public const string RpcResult = "rpc-result";
    public const string Event = "event";
    public const string AgentState = "agent-state";
    public const string SessionMetadata = "session-metadata";
    public const string TerminalMetadata = "terminal-metadata";
    public const string DaemonState = "daemon-state";
    public const string Handshake = "handshake";

    public static IReadOnlyList<string> All { get; } =
    [
        Update, UpdateBody, Message, Content, Ephemeral, Record, RpcParams, RpcResult, Event,
        AgentState, SessionMetadata, TerminalMetadata, DaemonState, Handshake,
    ];
}
