using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Socket;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>rpc-register</c> <c>{method}</c>: the server answers with <c>rpc-registered</c> or <c>rpc-error</c>.</summary>
public sealed record RpcRegisterEvent(string Method) : SocketEvent, IJsonOnDeserialized
{
    public const string EventWireName = "rpc-register";

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
