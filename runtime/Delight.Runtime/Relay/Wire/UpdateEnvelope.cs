using System.Text.Json.Serialization;

namespace Delight.Runtime.Relay.Wire;

// Typed records for the relay's side of the wire (PROTOCOL.md §2-§4). They stay here until the shared codec in
// Delight.Protocol/Wire covers the same shapes; the property names and orders follow the spec exactly.

/// <summary>The <c>update</c> envelope (PROTOCOL.md §3): <c>seq</c> is the per-account update counter.</summary>
public sealed record UpdateEnvelope(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("body")] UpdateBody Body,
    [property: JsonPropertyName("createdAt")] long CreatedAt);

/// <summary>The closed set of update bodies the relay emits, discriminated by <c>t</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "t", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(NewMessageBody), "new-message")]
[JsonDerivedType(typeof(UpdateSessionBody), "update-session")]
[JsonDerivedType(typeof(NewSessionBody), "new-session")]
[JsonDerivedType(typeof(DeleteSessionBody), "delete-session")]
[JsonDerivedType(typeof(NewTerminalBody), "new-terminal")]
[JsonDerivedType(typeof(UpdateTerminalBody), "update-terminal")]
public abstract record UpdateBody;

public sealed record NewMessageBody(
    [property: JsonPropertyName("sid")] string Sid,
    [property: JsonPropertyName("message")] WireMessage Message) : UpdateBody;

/// <summary>A stored message as it appears in <c>new-message</c> and in <c>GET …/messages</c>.</summary>
public sealed record WireMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("content")] EncryptedContent Content,
    [property: JsonPropertyName("localId")] string? LocalId,
    [property: JsonPropertyName("createdAt")] long CreatedAt,
    [property: JsonPropertyName("updatedAt")] long UpdatedAt);

public sealed record EncryptedContent(
    [property: JsonPropertyName("t")] string T,
    [property: JsonPropertyName("c")] string C)
{
    public static EncryptedContent Of(string ciphertext) => new("encrypted", ciphertext);
}

/// <summary><c>{value, version}</c> inside update-session / update-terminal.</summary>
public sealed record VersionedValue(
    [property: JsonPropertyName("value")] string? Value,
    [property: JsonPropertyName("version")] long Version);

public sealed record UpdateSessionBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("metadata"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VersionedValue? Metadata,
    [property: JsonPropertyName("agentState"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VersionedValue? AgentState) : UpdateBody;

public sealed record NewSessionBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("metadata")] string Metadata,
    [property: JsonPropertyName("metadataVersion")] long MetadataVersion,
    [property: JsonPropertyName("agentState")] string? AgentState,
    [property: JsonPropertyName("agentStateVersion")] long AgentStateVersion,
    [property: JsonPropertyName("dataEncryptionKey")] string? DataEncryptionKey,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("activeAt")] long ActiveAt,
    [property: JsonPropertyName("createdAt")] long CreatedAt,
    [property: JsonPropertyName("updatedAt")] long UpdatedAt) : UpdateBody;

public sealed record DeleteSessionBody([property: JsonPropertyName("sid")] string Sid) : UpdateBody;

public sealed record NewTerminalBody(
    [property: JsonPropertyName("terminalId")] string TerminalId,
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("metadata")] string Metadata,
    [property: JsonPropertyName("metadataVersion")] long MetadataVersion,
    [property: JsonPropertyName("daemonState")] string? DaemonState,
    [property: JsonPropertyName("daemonStateVersion")] long DaemonStateVersion,
    [property: JsonPropertyName("dataEncryptionKey")] string? DataEncryptionKey,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("activeAt")] long ActiveAt,
    [property: JsonPropertyName("createdAt")] long CreatedAt,
    [property: JsonPropertyName("updatedAt")] long UpdatedAt) : UpdateBody;

public sealed record UpdateTerminalBody(
    [property: JsonPropertyName("terminalId")] string TerminalId,
    [property: JsonPropertyName("metadata"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VersionedValue? Metadata,
    [property: JsonPropertyName("daemonState"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VersionedValue? DaemonState) : UpdateBody;
