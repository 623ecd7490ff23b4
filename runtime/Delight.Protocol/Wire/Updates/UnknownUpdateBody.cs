using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Updates;

/// <summary>A body with an unrecognised <c>t</c>, kept verbatim.</summary>
public sealed record UnknownUpdateBody(string WireName, RawJson Raw) : UpdateBody, IUnknownVariant
{
    [JsonIgnore]
    public override string T => WireName;
}
