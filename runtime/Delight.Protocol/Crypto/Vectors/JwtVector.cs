using System.Text.Json.Serialization;

namespace Delight.Protocol.Crypto.Vectors;

/// <summary>A relay JWT (§9.9) signed with the key whose seed is SHA-256 of <see cref="ServerMasterSecret"/>.</summary>
public sealed record JwtVector
{
    [JsonPropertyName("server_master_secret")]
    public required string ServerMasterSecret { get; init; }

    [JsonPropertyName("server_public_hex")]
    public required string ServerPublicHex { get; init; }

    [JsonPropertyName("header_json")]
    public required string HeaderJson { get; init; }

    [JsonPropertyName("claims_json")]
    public required string ClaimsJson { get; init; }

    [JsonPropertyName("token")]
    public required string Token { get; init; }
}
