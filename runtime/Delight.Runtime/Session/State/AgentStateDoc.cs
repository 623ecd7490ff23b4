using System.Collections.Immutable;

namespace Delight.Runtime.Session;

/// <summary>A permission prompt the phone should show (agentState.requests, RUNTIME.md §2.2).</summary>
public sealed record PermissionRequestRecord(string ToolName, string InputJson, long CreatedAt);

/// <summary>A resolved or withdrawn prompt (agentState.completedRequests).</summary>
public sealed record CompletedRequestRecord(string ToolName, string InputJson, bool Allow, string? Message, long ResolvedAt);

/// <summary>
/// The durable agent state the phone parses (RUNTIME.md §2.2, PROTOCOL.md §6.6). Persisted as plaintext JSON through
/// <c>update-state</c>; <see cref="AgentStateJson.Serialize"/> renders it deterministically.
/// The dictionaries are typed as <see cref="IImmutableDictionary{TKey,TValue}"/> only so the AliasedState seeded
/// defect can swap in a mutable implementation; production code always holds ordinal sorted immutable ones.
/// </summary>
public sealed record AgentStateDoc(
    string AgentType,
    bool ControlledByUser,
    string? Model,
    string? ReasoningEffort,
    string? PermissionMode,
    string? ResumeToken,
    IImmutableDictionary<string, PermissionRequestRecord> Requests,
    IImmutableDictionary<string, CompletedRequestRecord> CompletedRequests)
{
    /// <summary>completedRequests is cleared completely once it holds more than this many entries (§2.2).</summary>
    public const int CompletedRequestsLimit = 200;

    public static AgentStateDoc Create(string agentType) => new(
        agentType,
        ControlledByUser: true,
        Model: null,
        ReasoningEffort: null,
        PermissionMode: null,
        ResumeToken: null,
        EmptyRequests,
        EmptyCompleted);

    public static IImmutableDictionary<string, PermissionRequestRecord> EmptyRequests { get; } =
        ImmutableSortedDictionary.Create<string, PermissionRequestRecord>(StringComparer.Ordinal);

    public static IImmutableDictionary<string, CompletedRequestRecord> EmptyCompleted { get; } =
        ImmutableSortedDictionary.Create<string, CompletedRequestRecord>(StringComparer.Ordinal);

    public Agents.AgentConfig Config => new(Model, PermissionMode, ReasoningEffort);
}
