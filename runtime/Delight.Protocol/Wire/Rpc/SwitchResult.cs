using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>switch</c> result: the mode after the switch, or an error.</summary>
public sealed record SwitchResult : RpcResult
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.Switch;

    public Optional<string> Mode { get; init; }
}
