using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary>User content with an unrecognised <c>type</c>, kept verbatim.</summary>
public sealed record UnknownUserContent(string WireName, RawJson Raw) : UserContent, IUnknownVariant
{
    [JsonIgnore]
    public override string Type => WireName;
}
