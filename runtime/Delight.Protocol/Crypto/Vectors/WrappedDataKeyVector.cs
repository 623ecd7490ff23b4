using System.Text.Json.Serialization;

namespace Delight.Protocol.Crypto.Vectors;

/// <summary>The DEK wrapped to the content public key (§9.5) with the inputs' ephemeral secret and nonce.</summary>
public sealed record WrappedDataKeyVector
{
    [JsonPropertyName("ephemeral_public_hex")]
    public required string EphemeralPublicHex { get; init; }

    [JsonPropertyName("box_output_hex")]
    public required string BoxOutputHex { get; init; }

    [JsonPropertyName("box_output_len")]
    public required int BoxOutputLength { get; init; }

    [JsonPropertyName("wrapped_len")]
    public required int WrappedLength { get; init; }

    [JsonPropertyName("wrapped_hex")]
    public required string WrappedHex { get; init; }

    [JsonPropertyName("wrapped_b64")]
    public required string WrappedBase64 { get; init; }
}
