using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary><c>{"type":"text","text":...}</c>.</summary>
public sealed record UserTextContent : UserContent
{
    public const string WireName = "text";

    [JsonIgnore]
    public override string Type => WireName;

    public Optional<string> Text { get; init; }
}
