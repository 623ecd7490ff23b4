using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary>A record with an unrecognised <c>role</c>, kept verbatim.</summary>
public sealed record UnknownRecord(string WireName, RawJson Raw) : RawRecord, IUnknownVariant
{
    [JsonIgnore]
    public override string? Role => WireName;
}
