using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>&lt;sid&gt;:agent-capabilities</c> params <c>{model?}</c>.</summary>
public sealed record AgentCapabilitiesParams : RpcParams
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.AgentCapabilities;

    public Optional<string> Model { get; init; }
}
