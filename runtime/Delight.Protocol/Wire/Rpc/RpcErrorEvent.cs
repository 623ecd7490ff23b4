using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Socket;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>rpc-error</c> <c>{type:"register"|"unregister", error}</c>.</summary>
public sealed record RpcErrorEvent : SocketEvent
{
    public const string EventWireName = "rpc-error";

    [JsonIgnore]
    public override string EventName => EventWireName;

    public Optional<string> Type { get; init; }

    public Optional<string> Error { get; init; }

}
