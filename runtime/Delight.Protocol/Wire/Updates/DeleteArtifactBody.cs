using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Updates;

/// <summary><c>delete-artifact</c>.</summary>
public sealed record DeleteArtifactBody : UpdateBody
{
    public const string WireName = "delete-artifact";

    [JsonIgnore]
    public override string T => WireName;

    public Optional<string> ArtifactId { get; init; }
}
