using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Socket;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>rpc-registered</c> <c>{method}</c> (server → registering socket).</summary>
public sealed record RpcRegisteredEvent(string Method) : SocketEvent, IJsonOnDeserialized
{
    public const string EventWireName = "rpc-registered";

    [JsonIgnore]
    public override string EventName => EventWireName;

    void IJsonOnDeserialized.OnDeserialized()
    {
        if (Method is null)
        {
            throw WireErrors.Missing("method");
        }
    }
}
