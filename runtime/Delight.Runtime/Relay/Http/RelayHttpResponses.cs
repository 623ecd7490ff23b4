using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Delight.Runtime.Relay.Wire;

namespace Delight.Runtime.Relay.Http;

/// <summary>A typed HTTP answer: status code plus one body record (serialized by <see cref="RelayHttpHandler"/>).</summary>
public sealed record RelayHttpResponse(int StatusCode, RelayHttpBody Body)
{
    public static RelayHttpResponse Ok(RelayHttpBody body) => new(200, body);

    public static RelayHttpResponse Error(int status, string message) => new(status, new ErrorBody(message));
}

/// <summary>The closed set of HTTP bodies.</summary>
public abstract record RelayHttpBody;

public sealed record ErrorBody([property: JsonPropertyName("error")] string Error) : RelayHttpBody;

public sealed record SuccessBody([property: JsonPropertyName("success")] bool Success) : RelayHttpBody;

public sealed record SessionsBody([property: JsonPropertyName("sessions")] ImmutableArray<WireSession> Sessions) : RelayHttpBody;

public sealed record SessionBody([property: JsonPropertyName("session")] WireSession Session) : RelayHttpBody;

public sealed record MessagesBody(
    [property: JsonPropertyName("messages")] ImmutableArray<WireMessage> Messages,
    [property: JsonPropertyName("page"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MessagesPage? Page) : RelayHttpBody;

public sealed record MessagesPage(
    [property: JsonPropertyName("hasMore")] bool HasMore,
    [property: JsonPropertyName("nextBeforeSeq"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? NextBeforeSeq);

/// <summary><c>GET /v1/terminals</c> answers a bare array.</summary>
public sealed record TerminalsBody(ImmutableArray<WireTerminal> Terminals) : RelayHttpBody;

public sealed record TerminalBody([property: JsonPropertyName("terminal")] WireTerminal Terminal) : RelayHttpBody;

public sealed record ChallengeBody(
    [property: JsonPropertyName("challengeId")] string ChallengeId,
    [property: JsonPropertyName("challenge")] string Challenge) : RelayHttpBody;

public sealed record AuthTokenBody(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("token")] string Token) : RelayHttpBody;

/// <summary>The HTTP Session object (PROTOCOL.md §7.2).</summary>
public sealed record WireSession(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("createdAt")] long CreatedAt,
    [property: JsonPropertyName("updatedAt")] long UpdatedAt,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("activeAt")] long ActiveAt,
    [property: JsonPropertyName("working")] bool Working,
    [property: JsonPropertyName("terminalId")] string TerminalId,
    [property: JsonPropertyName("metadata")] string Metadata,
    [property: JsonPropertyName("metadataVersion")] long MetadataVersion,
    [property: JsonPropertyName("agentState")] string? AgentState,
    [property: JsonPropertyName("agentStateVersion")] long AgentStateVersion,
    [property: JsonPropertyName("dataEncryptionKey")] string? DataEncryptionKey,
    [property: JsonPropertyName("lastMessage")] string? LastMessage = null);

/// <summary>The HTTP Terminal object (PROTOCOL.md §7.2).</summary>
public sealed record WireTerminal(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("metadata")] string Metadata,
    [property: JsonPropertyName("metadataVersion")] long MetadataVersion,
    [property: JsonPropertyName("daemonState")] string? DaemonState,
    [property: JsonPropertyName("daemonStateVersion")] long DaemonStateVersion,
    [property: JsonPropertyName("dataEncryptionKey")] string? DataEncryptionKey,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("activeAt")] long ActiveAt,
    [property: JsonPropertyName("createdAt")] long CreatedAt,
    [property: JsonPropertyName("updatedAt")] long UpdatedAt);
