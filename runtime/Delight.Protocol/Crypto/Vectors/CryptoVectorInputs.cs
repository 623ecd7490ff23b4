using System.Text.Json.Serialization;

namespace Delight.Protocol.Crypto.Vectors;

/// <summary>The fixed inputs every section derives from (keys, nonces and ephemeral secrets that are random in real use).</summary>
public sealed record CryptoVectorInputs
{
    [JsonPropertyName("masterSecret_hex")]
    public required string MasterSecretHex { get; init; }

    [JsonPropertyName("masterSecret_b64")]
    public required string MasterSecretBase64 { get; init; }

    [JsonPropertyName("dataEncryptionKey_hex")]
    public required string DataEncryptionKeyHex { get; init; }

    [JsonPropertyName("dataEncryptionKey_b64")]
    public required string DataEncryptionKeyBase64 { get; init; }

    [JsonPropertyName("wrapEphemeralSecret_hex")]
    public required string WrapEphemeralSecretHex { get; init; }

    [JsonPropertyName("wrapNonce_hex")]
    public required string WrapNonceHex { get; init; }

    [JsonPropertyName("gcmNonce_hex")]
    public required string GcmNonceHex { get; init; }

    [JsonPropertyName("challenge_hex")]
    public required string ChallengeHex { get; init; }

    [JsonPropertyName("challenge_b64")]
    public required string ChallengeBase64 { get; init; }

    [JsonPropertyName("terminalBoxSecret_hex")]
    public required string TerminalBoxSecretHex { get; init; }

    [JsonPropertyName("pairEphemeralSecret_hex")]
    public required string PairEphemeralSecretHex { get; init; }

    [JsonPropertyName("pairNonce_hex")]
    public required string PairNonceHex { get; init; }
}
