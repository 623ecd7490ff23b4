using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/auth/challenge</c> request: the account Ed25519 public key (std base64).</summary>
public sealed record AuthChallengeRequest
{
    public Optional<string> PublicKey { get; init; }
}
