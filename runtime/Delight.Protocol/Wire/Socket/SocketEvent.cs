using System.Text.Json.Serialization;

namespace Delight.Protocol.Wire.Socket;

/// <summary>
/// The first argument of a Socket.IO event (§2). The event name is not in the JSON, so each concrete type
/// knows its own; <see cref="SocketEventCatalog"/> maps names (legacy ones included) to types.
/// </summary>
public abstract record SocketEvent
{
    /// <summary>The Socket.IO event name (current name).</summary>
    [JsonIgnore]
    public abstract string EventName { get; }
}
