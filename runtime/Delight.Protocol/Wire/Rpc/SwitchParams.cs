using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>&lt;sid&gt;:switch</c> params <c>{"mode":"local"|"remote"}</c>.</summary>
public sealed record SwitchParams : RpcParams
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.Switch;

    public Optional<string> Mode { get; init; }
}
