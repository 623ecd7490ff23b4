using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>&lt;sid&gt;:agent-config</c> params; an empty field means "no change".</summary>
public sealed record AgentConfigParams : RpcParams
{
    [JsonIgnore]
    public override string MethodName => RpcMethodNames.AgentConfig;

    public Optional<string> Model { get; init; }

    public Optional<string> ReasoningEffort { get; init; }

    public Optional<string> PermissionMode { get; init; }
}
