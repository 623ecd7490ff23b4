namespace Delight.Runtime.Session;

/// <summary>Fixed facts about one session, given at startup.</summary>
public sealed record SessionSettings(
    string SessionId,
    string AgentType,
    string WorkDirectory,
    SessionTimings Timings)
{
    public static SessionSettings Create(string sessionId, string agentType, string workDirectory = ".") =>
        new(sessionId, agentType, workDirectory, SessionTimings.Default);
}

/// <summary>Durations the reducer arms timers with (RUNTIME.md §2.1, §2.4, §3.5, §3.6).</summary>
public sealed record SessionTimings(
    long PersistDebounceMs,
    long KeepAliveMs,
    long PermissionTimeoutMs,
    long RemoteInputEchoTtlMs,
    int RemoteInputEchoMax,
    long OutboundLocalIdTtlMs,
    int OutboundLocalIdMax,
    int MismatchRetryBudget)
{
    public static SessionTimings Default { get; } = new(
        PersistDebounceMs: 150,
        KeepAliveMs: 30_000,
        PermissionTimeoutMs: 5 * 60_000,
        RemoteInputEchoTtlMs: 20_000,
        RemoteInputEchoMax: 64,
        OutboundLocalIdTtlMs: 30_000,
        OutboundLocalIdMax: 128,
        MismatchRetryBudget: 1);
}
