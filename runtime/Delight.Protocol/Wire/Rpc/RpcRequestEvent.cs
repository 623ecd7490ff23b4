using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Socket;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>rpc-request</c> <c>{method, params}</c> forwarded to the registered socket, which acks with the result.</summary>
public sealed record RpcRequestEvent(string Method) : SocketEvent, IJsonOnDeserialized
{
    public const string EventWireName = "rpc-request";

    [JsonIgnore]
    public override string EventName => EventWireName;

    public Optional<string> Params { get; init; }

    void IJsonOnDeserialized.OnDeserialized()
    {
        if (Method is null)
        {
            throw WireErrors.Missing("method");
        }
    }
}
