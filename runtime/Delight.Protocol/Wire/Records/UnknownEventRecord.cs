using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary>An event record of an unrecognised <c>type</c>, kept verbatim (including its <c>role</c>).</summary>
public sealed record UnknownEventRecord(string WireName, RawJson Raw) : EventRecord, IUnknownVariant
{
    [JsonIgnore]
    public override string Type => WireName;
}
