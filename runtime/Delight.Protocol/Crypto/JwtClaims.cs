namespace Delight.Protocol.Crypto;

/// <summary>
/// The registered claims Delight's relay puts in a JWT (§9.9), NumericDate seconds. Clients only need
/// <see cref="ExpiresAt"/>; absent claims stay null.
/// </summary>
public sealed record JwtClaims(string? Issuer, string? Subject, long? ExpiresAt, long? NotBefore, long? IssuedAt)
{
    public const string DelightIssuer = "delight-server";

    /// <summary>How long the relay's tokens live: exp = iat + 24 h.</summary>
    public static TimeSpan Lifetime { get; } = TimeSpan.FromHours(24);
}
