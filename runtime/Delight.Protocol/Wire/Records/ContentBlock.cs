using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary>
/// An Anthropic-style content block, discriminated by <c>type</c>. Blocks must round-trip fields we do not
/// model (§6.3), so every known block keeps them in its <c>ExtraFields</c>.
/// </summary>
[JsonConverter(typeof(ContentBlockConverter))]
public abstract record ContentBlock
{
    [JsonIgnore]
    public abstract string Type { get; }
}

internal sealed class ContentBlockConverter : WireUnionConverter<ContentBlock>
{
    public ContentBlockConverter()
        : base(
            "type",
            new UnionVariant(TextBlock.WireName, typeof(TextBlock)),
            new UnionVariant(ToolUseBlock.WireName, typeof(ToolUseBlock)),
            new UnionVariant(ToolResultBlock.WireName, typeof(ToolResultBlock)),
            new UnionVariant(ThinkingBlock.WireName, typeof(ThinkingBlock)))
    {
    }

    protected override ContentBlock CreateUnknown(string wireName, RawJson raw) => new UnknownContentBlock(wireName, raw);
}
