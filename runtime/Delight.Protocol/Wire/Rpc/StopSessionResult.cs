using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary>[LEGACY] <c>stop-session</c> result <c>{message}</c>.</summary>
public sealed record StopSessionResult : RpcResult
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.StopSession;

    public Optional<string> Message { get; init; }
}
