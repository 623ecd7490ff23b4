using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Updates;

/// <summary><c>update-artifact</c>.</summary>
public sealed record UpdateArtifactBody : UpdateBody
{
    public const string WireName = "update-artifact";

    [JsonIgnore]
    public override string T => WireName;

    public Optional<string> ArtifactId { get; init; }

    public Optional<VersionedValue> Header { get; init; }

    public Optional<VersionedValue> Body { get; init; }
}
