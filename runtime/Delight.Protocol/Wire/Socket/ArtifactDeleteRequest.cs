using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Socket;

/// <summary><c>artifact-delete</c> (ack <see cref="ArtifactAck"/>).</summary>
public sealed record ArtifactDeleteRequest : SocketEvent
{
    public const string EventWireName = "artifact-delete";

    [JsonIgnore]
    public override string EventName => EventWireName;

    public Optional<string> ArtifactId { get; init; }

}
