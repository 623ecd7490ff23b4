using System.Text.Json;
using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary><c>{"type":"tool_result","tool_use_id","content","is_error"?}</c>; <c>content</c> is a string or blocks.</summary>
public sealed record ToolResultBlock : ContentBlock
{
    public const string WireName = "tool_result";

    [JsonIgnore]
    public override string Type => WireName;

    [JsonPropertyName("tool_use_id")]
    public Optional<string> ToolUseId { get; init; }

    public Optional<RawJson> Content { get; init; }

    [JsonPropertyName("is_error")]
    public Optional<bool> IsError { get; init; }

    /// <summary>Fields this block type does not model, kept so the block re-encodes unchanged (§6.3).</summary>
    /// <remarks>Set only by decoding (extension data cannot bind through init-only construction).</remarks>
    [JsonExtensionData]
    [JsonInclude]
    public Dictionary<string, JsonElement>? ExtraFields { get; internal set; }
}
