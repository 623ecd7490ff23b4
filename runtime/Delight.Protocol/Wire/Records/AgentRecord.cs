using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary><c>{"role":"agent","content":{"type":"output","data":{...}}}</c> (§6.3).</summary>
public sealed record AgentRecord : RawRecord
{
    public const string WireName = "agent";

    [JsonIgnore]
    public override string? Role => WireName;

    public Optional<AgentContent> Content { get; init; }
}
