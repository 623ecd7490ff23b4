using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Socket;

/// <summary><c>error</c>: handshake rejection <c>{message}</c>, followed by a disconnect.</summary>
public sealed record ErrorEvent : SocketEvent
{
    public const string EventWireName = "error";

    [JsonIgnore]
    public override string EventName => EventWireName;

    public Optional<string> Message { get; init; }

}
