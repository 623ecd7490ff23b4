using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary>The Claude-shaped turn inside an agent output record.</summary>
public sealed record AgentOutputData
{
    /// <summary><c>assistant</c>, or <c>user</c> for tool-result turns.</summary>
    public Optional<string> Type { get; init; }

    public Optional<bool> IsSidechain { get; init; }

    public Optional<bool> IsCompactSummary { get; init; }

    public Optional<bool> IsMeta { get; init; }

    public Optional<string> Uuid { get; init; }

    public Optional<string> ParentUuid { get; init; }

    public Optional<AgentMessage> Message { get; init; }

    [JsonPropertyName("parent_tool_use_id")]
    public Optional<string> ParentToolUseId { get; init; }
}
