using System.Text.Json.Serialization;

namespace Delight.Protocol.Crypto.Vectors;

/// <summary>
/// Pairing (§9.10): the terminal's key from the inputs' terminal box secret, its QR URL, and the phone's response
/// sealing the masterSecret with the inputs' pairing ephemeral secret and nonce.
/// </summary>
public sealed record PairingVector
{
    [JsonPropertyName("terminal_public_hex")]
    public required string TerminalPublicHex { get; init; }

    [JsonPropertyName("terminal_public_b64")]
    public required string TerminalPublicBase64 { get; init; }

    [JsonPropertyName("qr_url")]
    public required string QrUrl { get; init; }

    [JsonPropertyName("response_bundle_len")]
    public required int ResponseBundleLength { get; init; }

    [JsonPropertyName("response_b64")]
    public required string ResponseBase64 { get; init; }
}
