using System.Text.Json.Serialization;

namespace Delight.Protocol.Crypto.Vectors;

/// <summary>The account Ed25519 key (seed SHA-256(masterSecret)) and its signature over the inputs' challenge (§9.8).</summary>
public sealed record Ed25519AuthVector
{
    [JsonPropertyName("seed_sha256_of_master_hex")]
    public required string SeedHex { get; init; }

    [JsonPropertyName("public_hex")]
    public required string PublicHex { get; init; }

    [JsonPropertyName("public_b64")]
    public required string PublicBase64 { get; init; }

    [JsonPropertyName("account_public_key_db_hex")]
    public required string AccountPublicKeyDbHex { get; init; }

    [JsonPropertyName("signature_over_challenge_hex")]
    public required string SignatureHex { get; init; }

    [JsonPropertyName("signature_b64")]
    public required string SignatureBase64 { get; init; }
}
