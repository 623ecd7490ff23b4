using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/auth</c> request: signature over the raw challenge bytes.</summary>
public sealed record AuthRequest
{
    public Optional<string> PublicKey { get; init; }

    public Optional<string> ChallengeId { get; init; }

    public Optional<string> Signature { get; init; }
}
