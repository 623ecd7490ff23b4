using System.Text.Json;
using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary><c>{"type":"tool_use","id","name","input":{...}}</c>.</summary>
public sealed record ToolUseBlock : ContentBlock
{
    public const string WireName = "tool_use";

    [JsonIgnore]
    public override string Type => WireName;

    public Optional<string> Id { get; init; }

    public Optional<string> Name { get; init; }

    /// <summary>The tool's input, free-form JSON.</summary>
    public Optional<RawJson> Input { get; init; }

    /// <summary>Fields this block type does not model, kept so the block re-encodes unchanged (§6.3).</summary>
    /// <remarks>Set only by decoding (extension data cannot bind through init-only construction).</remarks>
    [JsonExtensionData]
    [JsonInclude]
    public Dictionary<string, JsonElement>? ExtraFields { get; internal set; }
}
