using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.State;

/// <summary>An open permission prompt in <c>agentState.requests</c>; the app's <c>tool_name</c>/<c>created_at</c> spellings are read as these.</summary>
public sealed record PendingPermissionRequest
{
    public Optional<string> ToolName { get; init; }

    /// <summary>Tool input as JSON text.</summary>
    public Optional<string> Input { get; init; }

    public Optional<long> CreatedAt { get; init; }
}
