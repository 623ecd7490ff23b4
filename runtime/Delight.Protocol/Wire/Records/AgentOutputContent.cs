using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary><c>{"type":"output","data":{...}}</c>.</summary>
public sealed record AgentOutputContent : AgentContent
{
    public const string WireName = "output";

    [JsonIgnore]
    public override string Type => WireName;

    public Optional<AgentOutputData> Data { get; init; }
}
