using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/auth/challenge</c> response (challenge TTL 5 min).</summary>
public sealed record AuthChallengeResponse
{
    public Optional<string> ChallengeId { get; init; }

    /// <summary>base64 of 32 random bytes.</summary>
    public Optional<string> Challenge { get; init; }
}
