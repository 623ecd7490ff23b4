using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Socket;

/// <summary><c>update-state</c> (ack <see cref="VersionedAck"/>): CAS on session agentState; null or absent clears it.</summary>
public sealed record UpdateStateRequest : SocketEvent
{
    public const string EventWireName = "update-state";

    [JsonIgnore]
    public override string EventName => EventWireName;

    public Optional<string> Sid { get; init; }

    /// <summary>Plain JSON text of the agent state, or null.</summary>
    public Optional<string> AgentState { get; init; }

    public Optional<long> ExpectedVersion { get; init; }

}
