using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Socket;

/// <summary><c>update-metadata</c> (ack <see cref="VersionedAck"/>): CAS on session metadata.</summary>
public sealed record UpdateMetadataRequest : SocketEvent
{
    public const string EventWireName = "update-metadata";

    [JsonIgnore]
    public override string EventName => EventWireName;

    public Optional<string> Sid { get; init; }

    public Optional<string> Metadata { get; init; }

    public Optional<long> ExpectedVersion { get; init; }

}
