using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/artifacts/:id</c> request.</summary>
public sealed record UpdateArtifactRequest
{
    public Optional<string> Header { get; init; }

    public Optional<long> ExpectedHeaderVersion { get; init; }

    public Optional<string> Body { get; init; }

    public Optional<long> ExpectedBodyVersion { get; init; }
}
