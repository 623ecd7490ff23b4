using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Socket;

/// <summary><c>artifact-read</c> (ack <see cref="ArtifactAck"/>).</summary>
public sealed record ArtifactReadRequest : SocketEvent
{
    public const string EventWireName = "artifact-read";

    [JsonIgnore]
    public override string EventName => EventWireName;

    public Optional<string> ArtifactId { get; init; }

}
