using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>permission</c> result: always <c>{"success":true}</c>.</summary>
public sealed record PermissionResult : RpcResult
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.Permission;

    public Optional<bool> Success { get; init; }
}
