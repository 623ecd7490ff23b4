using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary>[LEGACY] <c>spawn-session</c> result: <c>{type:"success",sessionId}</c> or <c>{type:"requestToApproveDirectoryCreation",directory}</c>.</summary>
public sealed record SpawnSessionResult : RpcResult
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.SpawnSession;

    public Optional<string> Type { get; init; }

    public Optional<string> SessionId { get; init; }

    public Optional<string> Directory { get; init; }
}
