using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Socket;

/// <summary><c>terminal-alive</c> (legacy <c>machine-alive</c> with <c>machineId</c>).</summary>
public sealed record TerminalAliveEvent : SocketEvent
{
    public const string EventWireName = "terminal-alive";

    [JsonIgnore]
    public override string EventName => EventWireName;

    public Optional<string> TerminalId { get; init; }

    public Optional<long> Time { get; init; }

}
