using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary>Agent content other than <c>output</c>, kept verbatim (not an output record).</summary>
public sealed record UnknownAgentContent(string WireName, RawJson Raw) : AgentContent, IUnknownVariant
{
    [JsonIgnore]
    public override string Type => WireName;
}
