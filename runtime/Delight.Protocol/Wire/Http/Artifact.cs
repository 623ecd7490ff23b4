using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary>An artifact of the HTTP API (the list omits <c>body</c>).</summary>
public sealed record Artifact
{
    public Optional<string> Id { get; init; }

    public Optional<string> Header { get; init; }

    public Optional<long> HeaderVersion { get; init; }

    public Optional<string> Body { get; init; }

    public Optional<long> BodyVersion { get; init; }

    public Optional<string> DataEncryptionKey { get; init; }

    public Optional<long> Seq { get; init; }

    public Optional<long> CreatedAt { get; init; }

    public Optional<long> UpdatedAt { get; init; }
}
