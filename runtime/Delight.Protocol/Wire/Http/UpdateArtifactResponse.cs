using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/artifacts/:id</c> response: success with new versions or a version-mismatch with current values.</summary>
public sealed record UpdateArtifactResponse
{
    public Optional<bool> Success { get; init; }

    public Optional<long> HeaderVersion { get; init; }

    public Optional<long> BodyVersion { get; init; }

    public Optional<string> Error { get; init; }

    public Optional<long> CurrentHeaderVersion { get; init; }

    public Optional<string> CurrentHeader { get; init; }

    public Optional<long> CurrentBodyVersion { get; init; }

    public Optional<string> CurrentBody { get; init; }
}
