using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Socket;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>rpc-call</c> <c>{method, params}</c> with ack <see cref="RpcCallAck"/>. <c>params</c> is a JSON <em>string</em>: JSON text or a base64 ciphertext.</summary>
public sealed record RpcCallEvent(string Method) : SocketEvent, IJsonOnDeserialized
{
    public const string EventWireName = "rpc-call";

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
