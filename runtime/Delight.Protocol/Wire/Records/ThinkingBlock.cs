using System.Text.Json;
using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary><c>{"type":"thinking","thinking","signature"?}</c>.</summary>
public sealed record ThinkingBlock : ContentBlock
{
    public const string WireName = "thinking";

    [JsonIgnore]
    public override string Type => WireName;

    public Optional<string> Thinking { get; init; }

    public Optional<string> Signature { get; init; }

    /// <summary>Fields this block type does not model, kept so the block re-encodes unchanged (§6.3).</summary>
    /// <remarks>Set only by decoding (extension data cannot bind through init-only construction).</remarks>
    [JsonExtensionData]
    [JsonInclude]
    public Dictionary<string, JsonElement>? ExtraFields { get; internal set; }
}
