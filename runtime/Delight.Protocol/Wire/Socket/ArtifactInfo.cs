using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Socket;

/// <summary>An artifact in acks: no <c>dataEncryptionKey</c>.</summary>
public sealed record ArtifactInfo
{
    public Optional<string> Id { get; init; }

    public Optional<string> Header { get; init; }

    public Optional<long> HeaderVersion { get; init; }

    public Optional<string> Body { get; init; }

    public Optional<long> BodyVersion { get; init; }

    public Optional<long> Seq { get; init; }

    public Optional<long> CreatedAt { get; init; }

    public Optional<long> UpdatedAt { get; init; }
}
