using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Socket;

/// <summary><c>artifact-update</c> (ack <see cref="ArtifactAck"/>): header and/or body with expected versions.</summary>
public sealed record ArtifactUpdateRequest : SocketEvent
{
    public const string EventWireName = "artifact-update";

    [JsonIgnore]
    public override string EventName => EventWireName;

    public Optional<string> ArtifactId { get; init; }

    public Optional<ArtifactPartUpdate> Header { get; init; }

    public Optional<ArtifactPartUpdate> Body { get; init; }

}
