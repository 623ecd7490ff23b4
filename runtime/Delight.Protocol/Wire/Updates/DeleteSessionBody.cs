using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Updates;

/// <summary><c>delete-session</c>.</summary>
public sealed record DeleteSessionBody : UpdateBody
{
    public const string WireName = "delete-session";

    [JsonIgnore]
    public override string T => WireName;

    public Optional<string> Sid { get; init; }
}
