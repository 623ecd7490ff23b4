using System.Text.Json.Serialization;

namespace Delight.Protocol.Crypto.Vectors;

/// <summary>Legacy secretbox data (§9.11) produced by TypeScript libsodium, from upstream history.</summary>
public sealed record SecretboxVector
{
    [JsonPropertyName("key_b64")]
    public required string KeyBase64 { get; init; }

    [JsonPropertyName("ciphertext_b64")]
    public required string CiphertextBase64 { get; init; }

    [JsonPropertyName("nonce_hex")]
    public string? NonceHex { get; init; }

    [JsonPropertyName("plaintext")]
    public required string Plaintext { get; init; }
}
