using System.Collections.Immutable;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.State;

/// <summary>Agent state (§6.6): the plaintext JSON string in <c>session.agentState</c>. <c>controlledByUser</c> true = desktop controls; false = phone ("remote").</summary>
public sealed record AgentState
{
    /// <summary>codex | claude | acp | fake.</summary>
    public Optional<string> AgentType { get; init; }

    public Optional<bool> ControlledByUser { get; init; }

    public Optional<string> Model { get; init; }

    public Optional<string> ReasoningEffort { get; init; }

    public Optional<string> PermissionMode { get; init; }

    public Optional<string> ResumeToken { get; init; }

    /// <summary>Open permission prompts by requestId, so a reconnecting phone can recover them.</summary>
    public Optional<ImmutableSortedDictionary<string, PendingPermissionRequest>> Requests { get; init; }

    /// <summary>Resolved prompts by requestId (reset past 200 entries).</summary>
    public Optional<ImmutableSortedDictionary<string, CompletedPermissionRequest>> CompletedRequests { get; init; }
}
