using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Ephemerals;

/// <summary>An ephemeral of an unrecognised <c>type</c>, kept verbatim.</summary>
public sealed record UnknownEphemeral(string WireName, RawJson Raw) : Ephemeral, IUnknownVariant
{
    [JsonIgnore]
    public override string Type => WireName;
}
