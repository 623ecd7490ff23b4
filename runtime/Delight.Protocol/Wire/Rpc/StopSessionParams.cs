using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary>[LEGACY] <c>&lt;machineId&gt;:stop-session</c> params.</summary>
public sealed record StopSessionParams : RpcParams
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.StopSession;

    public Optional<string> SessionId { get; init; }
}
