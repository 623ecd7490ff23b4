using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Socket;

/// <summary>A payload of an event name we do not know (e.g. removed <c>access-key-get</c>), kept verbatim.</summary>
public sealed record UnknownSocketEvent(string Name, RawJson Raw) : SocketEvent, IUnknownVariant
{
    [JsonIgnore]
    public override string EventName => Name;

    [JsonIgnore]
    string IUnknownVariant.WireName => Name;
}
