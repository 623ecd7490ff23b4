using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary>Content with an unrecognised <c>t</c>, kept verbatim.</summary>
public sealed record UnknownMessageContent(string WireName, RawJson Raw) : MessageContent, IUnknownVariant
{
    [JsonIgnore]
    public override string T => WireName;
}
