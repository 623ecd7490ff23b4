using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Updates;

/// <summary><c>new-artifact</c>.</summary>
public sealed record NewArtifactBody : UpdateBody
{
    public const string WireName = "new-artifact";

    [JsonIgnore]
    public override string T => WireName;

    public Optional<string> ArtifactId { get; init; }

    public Optional<long> Seq { get; init; }

    public Optional<string> Header { get; init; }

    public Optional<long> HeaderVersion { get; init; }

    public Optional<string> Body { get; init; }

    public Optional<long> BodyVersion { get; init; }

    public Optional<string> DataEncryptionKey { get; init; }

    public Optional<long> CreatedAt { get; init; }

    public Optional<long> UpdatedAt { get; init; }
}
