using System.Text.Json.Serialization;

namespace Delight.Runtime.Relay.Wire;

/// <summary>The common CAS ack (PROTOCOL.md §2.1): every field except <c>result</c> is omitted when empty or zero,
/// including <c>version</c> when it is 0.</summary>
public sealed record VersionedAck(
    [property: JsonPropertyName("result")] string Result,
    [property: JsonPropertyName("version"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] long Version = 0,
    [property: JsonPropertyName("metadata"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Metadata = null,
    [property: JsonPropertyName("agentState"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AgentState = null,
    [property: JsonPropertyName("daemonState"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DaemonState = null,
    [property: JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null)
{
    public const string Success = "success";
    public const string VersionMismatch = "version-mismatch";
    public const string Error = "error";

    public static VersionedAck Failed(string? message = null) => new(Error, Message: message);
}

/// <summary>The <c>rpc-call</c> ack. <see cref="ResultJson"/> is the callee's value kept verbatim (any JSON),
/// omitted when the callee acked null.</summary>
public sealed record RpcCallAck(bool Ok, string? ResultJson, string? Error)
{
    public static RpcCallAck Failure(string error) => new(false, null, error);

    public static RpcCallAck Success(string? resultJson) => new(true, resultJson, null);
}

/// <summary><c>rpc-registered</c> / <c>rpc-unregistered</c> reply payload.</summary>
public sealed record RpcMethodReply([property: JsonPropertyName("method")] string Method);

/// <summary><c>rpc-error</c> payload.</summary>
public sealed record RpcErrorReply(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("error")] string Error);

/// <summary><c>rpc-request</c> payload forwarded to the registered socket.</summary>
public sealed record RpcRequestPayload(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("params")] string Params);

/// <summary><c>error</c> payload sent to a socket refused at handshake.</summary>
public sealed record HandshakeErrorPayload([property: JsonPropertyName("message")] string Message);
