using System.Text.Json.Serialization;

namespace Delight.Agents.Daemon;

/// <summary>Terminal metadata (PROTOCOL.md §6.8), encrypted with the master secret before it leaves the machine.</summary>
public sealed record TerminalMetadata(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("cliVersion")] string CliVersion,
    [property: JsonPropertyName("homeDir")] string HomeDir,
    [property: JsonPropertyName("delightHomeDir")] string DelightHomeDir);

/// <summary>Daemon state (PROTOCOL.md §6.8): <c>running</c>, <c>offline</c> or <c>shutting-down</c>.</summary>
public sealed record DaemonStateRecord(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("pid"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Pid,
    [property: JsonPropertyName("startedAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? StartedAt)
{
    public const string Running = "running";
    public const string Offline = "offline";
    public const string ShuttingDown = "shutting-down";
}

/// <summary>The versions the relay holds after <c>POST /v1/terminals</c>.</summary>
public sealed record TerminalRegistration(long MetadataVersion, long DaemonStateVersion);

/// <summary>How an RPC's params arrived (PROTOCOL.md §5.2), which decides whether the result is encrypted.</summary>
public enum RpcParamsKind
{
    /// <summary>Empty params: the result is encrypted.</summary>
    Empty,

    /// <summary>Base64 AES-GCM params that decrypted: the result is encrypted.</summary>
    Encrypted,

    /// <summary>Plaintext JSON params (what the Go SDK and the iOS app send): the result is plain JSON.</summary>
    Plain,

    /// <summary>Neither decryptable nor JSON: answered <c>{"error":"decryption failed"}</c>.</summary>
    Undecryptable,
}

/// <summary>Which shutdown step is due.</summary>
public enum ShutdownStep
{
    CloseSession,
    Exit,
}
