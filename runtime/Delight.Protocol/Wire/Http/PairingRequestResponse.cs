using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/auth/request</c> (and account request) response <c>{id?, state, token?, response?}</c>.</summary>
public sealed record PairingRequestResponse
{
    public Optional<string> Id { get; init; }

    public Optional<string> State { get; init; }

    public Optional<string> Token { get; init; }

    public Optional<string> Response { get; init; }
}
