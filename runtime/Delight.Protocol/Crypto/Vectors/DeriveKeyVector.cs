using System.Text.Json.Serialization;

namespace Delight.Protocol.Crypto.Vectors;

/// <summary>The HMAC-SHA512 key tree (§9.3) from the masterSecret: root node and the node at the end of the path.</summary>
public sealed record DeriveKeyVector
{
    [JsonPropertyName("usage")]
    public required string Usage { get; init; }

    [JsonPropertyName("path")]
    public required IReadOnlyList<string> Path { get; init; }

    [JsonPropertyName("root_key_hex")]
    public required string RootKeyHex { get; init; }

    [JsonPropertyName("root_chain_hex")]
    public required string RootChainHex { get; init; }

    [JsonPropertyName("content_key_hex")]
    public required string ContentKeyHex { get; init; }

    [JsonPropertyName("content_chain_hex")]
    public required string ContentChainHex { get; init; }
}
