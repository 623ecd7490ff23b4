namespace Delight.Runtime.Agents;

/// <summary>Events an engine reports (RUNTIME.md §5.2). Each carries the generation of the runner that produced it,
/// captured when that runner was started, never when the event is delivered.</summary>
public abstract record AgentEvent(long Generation, AgentMode Mode);

public sealed record AgentReady(long Generation, AgentMode Mode) : AgentEvent(Generation, Mode);

public sealed record AgentExited(long Generation, AgentMode Mode, string? Error) : AgentEvent(Generation, Mode);

public sealed record AgentWorking(long Generation, AgentMode Mode, bool Working, long AtMs) : AgentEvent(Generation, Mode);

public sealed record AgentUiEvent(
    long Generation,
    AgentMode Mode,
    string EventId,
    string Kind,
    string Phase,
    string Status,
    string BriefMarkdown,
    string FullMarkdown,
    long AtMs) : AgentEvent(Generation, Mode);

/// <summary>A plaintext wire record (agent output, user text echo, ...) to encrypt and send to the phone.</summary>
public sealed record AgentOutboundRecord(
    long Generation,
    AgentMode Mode,
    string LocalId,
    string RecordJson,
    string? UserTextNormalized,
    long AtMs) : AgentEvent(Generation, Mode);

public sealed record AgentSessionIdentified(long Generation, AgentMode Mode, string ResumeToken) : AgentEvent(Generation, Mode);

public sealed record AgentRolloutPath(long Generation, AgentMode Mode, string Path) : AgentEvent(Generation, Mode);
