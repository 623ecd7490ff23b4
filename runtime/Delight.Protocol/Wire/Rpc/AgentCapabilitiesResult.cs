using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>agent-capabilities</c> result.</summary>
public sealed record AgentCapabilitiesResult : RpcResult
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.AgentCapabilities;

    public Optional<bool> Success { get; init; }

    public Optional<string> AgentType { get; init; }

    public Optional<AgentCapabilities> Capabilities { get; init; }

    public Optional<AgentConfigValues> DesiredConfig { get; init; }

    public Optional<AgentConfigValues> EffectiveConfig { get; init; }
}
