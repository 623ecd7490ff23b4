using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>ping</c> result <c>{"success":true}</c>.</summary>
public sealed record PingResult : RpcResult
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.Ping;

    public Optional<bool> Success { get; init; }
}
