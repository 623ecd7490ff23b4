using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/artifacts</c> request (all base64, required by the server).</summary>
public sealed record CreateArtifactRequest
{
    public Optional<string> Id { get; init; }

    public Optional<string> Header { get; init; }

    public Optional<string> Body { get; init; }

    public Optional<string> DataEncryptionKey { get; init; }
}
