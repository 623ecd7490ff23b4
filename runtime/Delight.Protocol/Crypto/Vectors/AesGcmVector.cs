using System.Text.Json.Serialization;

namespace Delight.Protocol.Crypto.Vectors;

/// <summary>
/// An AES-256-GCM envelope (§9.6) with the inputs' GCM nonce. <see cref="Key"/> names the key in words:
/// "dataEncryptionKey..." or "masterSecret...".
/// </summary>
public sealed record AesGcmVector
{
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("plaintext_utf8")]
    public required string PlaintextUtf8 { get; init; }

    [JsonPropertyName("envelope_len")]
    public int? EnvelopeLength { get; init; }

    [JsonPropertyName("envelope_hex")]
    public string? EnvelopeHex { get; init; }

    [JsonPropertyName("envelope_b64")]
    public required string EnvelopeBase64 { get; init; }
}
