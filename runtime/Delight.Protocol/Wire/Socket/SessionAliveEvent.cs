using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Socket;

/// <summary><c>session-alive</c>: <c>{sid, time, working}</c> (time in ms; 0 = server now).</summary>
public sealed record SessionAliveEvent : SocketEvent
{
    public const string EventWireName = "session-alive";

    [JsonIgnore]
    public override string EventName => EventWireName;

    public Optional<string> Sid { get; init; }

    public Optional<long> Time { get; init; }

    public Optional<bool> Working { get; init; }

}
