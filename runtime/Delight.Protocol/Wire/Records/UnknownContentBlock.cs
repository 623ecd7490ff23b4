using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary>A block of a type we do not model, kept verbatim.</summary>
public sealed record UnknownContentBlock(string WireName, RawJson Raw) : ContentBlock, IUnknownVariant
{
    [JsonIgnore]
    public override string Type => WireName;
}
