namespace Delight.Runtime.Agents;

/// <summary>Engine settings (RUNTIME.md §2.2). Null means "unchanged" / "engine default".</summary>
public sealed record AgentConfig(string? Model = null, string? PermissionMode = null, string? ReasoningEffort = null)
{
    public static AgentConfig Empty { get; } = new();
}

/// <summary>What an engine can do, reported to the phone by the agent-capabilities RPC.</summary>
public sealed record AgentCapabilities(
    string AgentType,
    IReadOnlyList<string> Models,
    IReadOnlyList<string> PermissionModes,
    IReadOnlyList<string> ReasoningEfforts);

/// <summary>How to start one runner. <see cref="Generation"/> is the runner generation the runtime assigned;
/// every event of this runner is stamped with it (the fix for RUNTIME.md §3.10-A).</summary>
public sealed record AgentStartSpec(
    long Generation,
    AgentMode Mode,
    string WorkDirectory,
    string? ResumeToken,
    string? RolloutPath,
    AgentConfig Config);

/// <summary>One user message for a remote runner.</summary>
public sealed record AgentUserMessage(string Text, string? MetaJson, string LocalId, long AtMs);
