using System.Text.Json.Serialization;

namespace Delight.Protocol.Crypto.Vectors;

/// <summary>The content keypair (§9.4), and optionally the libsodium seed-keypair public key Delight must NOT produce.</summary>
public sealed record ContentKeyPairVector
{
    [JsonPropertyName("secret_clamped_hex")]
    public required string SecretClampedHex { get; init; }

    [JsonPropertyName("public_hex")]
    public required string PublicHex { get; init; }

    [JsonPropertyName("public_b64")]
    public required string PublicBase64 { get; init; }

    [JsonPropertyName("NOT_USED_libsodium_seed_keypair_public_hex")]
    public string? LibsodiumSeedKeyPairPublicHex { get; init; }
}
