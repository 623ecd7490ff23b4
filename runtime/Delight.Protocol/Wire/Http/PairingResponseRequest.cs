using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/auth/response</c> (and account response) request.</summary>
public sealed record PairingResponseRequest
{
    public Optional<string> PublicKey { get; init; }

    public Optional<string> Response { get; init; }
}
