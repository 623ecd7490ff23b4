using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.State;

/// <summary>A resolved prompt in <c>agentState.completedRequests</c>.</summary>
public sealed record CompletedPermissionRequest
{
    public Optional<string> ToolName { get; init; }

    public Optional<string> Input { get; init; }

    public Optional<bool> Allow { get; init; }

    public Optional<string> Message { get; init; }

    public Optional<long> ResolvedAt { get; init; }
}
