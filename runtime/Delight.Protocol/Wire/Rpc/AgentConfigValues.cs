using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary><c>{model?, reasoningEffort?, permissionMode?}</c>: desired or effective agent configuration.</summary>
public sealed record AgentConfigValues
{
    public Optional<string> Model { get; init; }

    public Optional<string> ReasoningEffort { get; init; }

    public Optional<string> PermissionMode { get; init; }
}
