using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary>The <c>content</c> of an agent record, discriminated by <c>type</c>; only <c>output</c> is an output record.</summary>
[JsonConverter(typeof(AgentContentConverter))]
public abstract record AgentContent
{
    [JsonIgnore]
    public abstract string Type { get; }
}

internal sealed class AgentContentConverter : WireUnionConverter<AgentContent>
{
    public AgentContentConverter()
        : base("type", new UnionVariant(AgentOutputContent.WireName, typeof(AgentOutputContent)))
    {
    }

    protected override AgentContent CreateUnknown(string wireName, RawJson raw) => new UnknownAgentContent(wireName, raw);
}
