using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>agent-config</c> result.</summary>
public sealed record AgentConfigResult : RpcResult
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.AgentConfig;

    public Optional<bool> Success { get; init; }

    public Optional<string> AgentState { get; init; }

    public Optional<long> AgentStateVersion { get; init; }
}
