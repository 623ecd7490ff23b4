using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>abort</c> result <c>{"success":true}</c> or <c>{"error":...}</c>.</summary>
public sealed record AbortResult : RpcResult
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.Abort;

    public Optional<bool> Success { get; init; }
}
