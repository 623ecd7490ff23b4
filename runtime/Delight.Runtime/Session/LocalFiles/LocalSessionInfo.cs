using System.Text.Json.Serialization;

namespace Delight.Runtime.Session;

/// <summary>
/// <c>sessions/&lt;sessionId&gt;/local.json</c> (ENGINES.md §8.2): facts about the session on this machine, never sent
/// to the server. Every field but <see cref="SessionId"/> is omitted when empty or zero.
/// </summary>
public sealed record LocalSessionInfo(
    [property: JsonPropertyName("sessionId")] string SessionId,
    [property: JsonPropertyName("agentType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AgentType = null,
    [property: JsonPropertyName("resumeToken"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResumeToken = null,
    [property: JsonPropertyName("rolloutPath"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RolloutPath = null,
    [property: JsonPropertyName("updatedAtMs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] long UpdatedAtMs = 0)
{
    /// <summary>Read-merge: each non-empty field of <paramref name="incoming"/> overwrites; the session id is forced.</summary>
    public LocalSessionInfo MergedWith(LocalSessionInfo incoming, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        return new LocalSessionInfo(
            incoming.SessionId,
            NonEmpty(incoming.AgentType) ?? NonEmpty(AgentType),
            NonEmpty(incoming.ResumeToken) ?? NonEmpty(ResumeToken),
            NonEmpty(incoming.RolloutPath) ?? NonEmpty(RolloutPath),
            nowMs);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>Where <see cref="PersistLocalSessionInfo"/> goes and what a session start reads back.</summary>
public interface ILocalSessionInfoStore
{
    /// <summary>The stored facts, or null when the file is missing or unreadable (ignored, §8.2).</summary>
    LocalSessionInfo? Load(string sessionId);

    /// <summary>Read-merge-write; only non-empty fields overwrite.</summary>
    void Save(LocalSessionInfo info);
}
