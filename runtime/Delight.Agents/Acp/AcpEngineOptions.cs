namespace Delight.Agents.Acp;

/// <summary>ACP configuration (ENGINES.md §6.1): the base URL (<c>--acp-url</c>), the agent name (<c>--acp-agent</c>),
/// the Delight session this engine serves, and the Delight home directory holding <c>acp.sessions.json</c>.</summary>
public sealed record AcpEngineOptions(string BaseUrl, string AgentName, string DelightSessionId, string HomeDirectory)
{
    /// <summary>Per-request limit, including reading an SSE body (60 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Wait between polls of a run that is still in progress (500 ms).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long an <c>awaiting</c> run waits for the phone (5 min).</summary>
    public TimeSpan PermissionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(BaseUrl) && !string.IsNullOrWhiteSpace(AgentName) && !string.IsNullOrWhiteSpace(DelightSessionId);
}
