using System.Text.Json.Serialization;

namespace Delight.Protocol.Crypto.Vectors;

/// <summary>
/// The crypto-vectors.json format (PROTOCOL.md §9.12 c): shared inputs, then one section per algorithm with the
/// expected outputs. Field names are the file's own (snake_case, `_hex`/`_b64` suffixes).
/// </summary>
public sealed record CryptoVectorFile
{
    [JsonPropertyName("inputs")]
    public required CryptoVectorInputs Inputs { get; init; }

    [JsonPropertyName("deriveKey")]
    public required DeriveKeyVector DeriveKey { get; init; }

    [JsonPropertyName("contentKeyPair")]
    public required ContentKeyPairVector ContentKeyPair { get; init; }

    [JsonPropertyName("wrappedDataEncryptionKey")]
    public required WrappedDataKeyVector WrappedDataEncryptionKey { get; init; }

    [JsonPropertyName("aesGcmMessage")]
    public required AesGcmVector AesGcmMessage { get; init; }

    [JsonPropertyName("aesGcmTerminalMetadata")]
    public required AesGcmVector AesGcmTerminalMetadata { get; init; }

    [JsonPropertyName("aesGcmRpcParams")]
    public required AesGcmVector AesGcmRpcParams { get; init; }

    [JsonPropertyName("ed25519Auth")]
    public required Ed25519AuthVector Ed25519Auth { get; init; }

    [JsonPropertyName("pairing")]
    public required PairingVector Pairing { get; init; }

    [JsonPropertyName("jwt")]
    public required JwtVector Jwt { get; init; }

    [JsonPropertyName("historicalSecretbox")]
    public required IReadOnlyList<SecretboxVector> HistoricalSecretbox { get; init; }
}
