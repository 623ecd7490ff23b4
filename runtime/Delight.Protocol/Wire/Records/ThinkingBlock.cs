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
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtraFields { get; init; }
}
