using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Socket;

/// <summary><c>artifact-create</c> (ack <see cref="ArtifactAck"/>): all fields std base64.</summary>
public sealed record ArtifactCreateRequest : SocketEvent
{
    public const string EventWireName = "artifact-create";

    [JsonIgnore]
    public override string EventName => EventWireName;

    public Optional<string> Id { get; init; }

    public Optional<string> Header { get; init; }

    public Optional<string> Body { get; init; }

    public Optional<string> DataEncryptionKey { get; init; }

}
