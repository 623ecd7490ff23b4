using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/version</c> → <c>{"version":"1.0.0"}</c>.</summary>
public sealed record VersionResponse
{
    public Optional<string> Version { get; init; }
}
