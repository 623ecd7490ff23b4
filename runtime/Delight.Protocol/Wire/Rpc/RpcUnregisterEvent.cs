using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Socket;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>rpc-unregister</c> <c>{method}</c>.</summary>
public sealed record RpcUnregisterEvent(string Method) : SocketEvent, IJsonOnDeserialized
{
    public const string EventWireName = "rpc-unregister";

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
