using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>&lt;sid&gt;:permission</c> params <c>{requestId, allow, message}</c>.</summary>
public sealed record PermissionParams : RpcParams
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.Permission;

    public Optional<string> RequestId { get; init; }

    public Optional<bool> Allow { get; init; }

    public Optional<string> Message { get; init; }
}
