using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Socket;

/// <summary><c>terminal-update-metadata</c> (ack <see cref="VersionedAck"/>; legacy <c>machine-update-metadata</c>).</summary>
public sealed record TerminalUpdateMetadataRequest : SocketEvent
{
    public const string EventWireName = "terminal-update-metadata";

    [JsonIgnore]
    public override string EventName => EventWireName;

    public Optional<string> TerminalId { get; init; }

    /// <summary>base64 AES-GCM envelope keyed by the master secret.</summary>
    public Optional<string> Metadata { get; init; }

    public Optional<long> ExpectedVersion { get; init; }

}
