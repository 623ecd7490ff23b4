using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/auth/request</c> and <c>/v1/auth/account/request</c> request: the pairing X25519 public key.</summary>
public sealed record PairingRequest
{
    public Optional<string> PublicKey { get; init; }
}
