using System.Text.Json;
using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary>
/// A Claude Code session JSONL line forwarded in local mode (§6.5): no top-level <c>role</c>; the role is in
/// <c>message.role</c>. Claude writes more fields than the spec lists, so unknown ones are kept.
/// </summary>
public sealed record ClaudeTranscriptLine : RawRecord
{
    [JsonIgnore]
    public override string? Role => null;

    public Optional<string> Uuid { get; init; }

    public Optional<string> ParentUuid { get; init; }

    public Optional<string> SessionId { get; init; }

    /// <summary>Claude's own message object, verbatim.</summary>
    public Optional<RawJson> Message { get; init; }

    /// <summary><c>user</c>, <c>assistant</c>, <c>summary</c>, <c>file-history-snapshot</c>, ...</summary>
    public Optional<string> Type { get; init; }

    /// <summary>RFC 3339 text; zero time is <c>0001-01-01T00:00:00Z</c>.</summary>
    public Optional<string> Timestamp { get; init; }

    /// <summary>Other fields of Claude's line, kept so it re-encodes unchanged.</summary>
    /// <remarks>Set only by decoding (extension data cannot bind through init-only construction).</remarks>
    [JsonExtensionData]
    [JsonInclude]
    public Dictionary<string, JsonElement>? ExtraFields { get; internal set; }
}
