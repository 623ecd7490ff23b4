using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Ephemerals;

/// <summary>Token counts; the app also accepts <c>cacheCreation</c>/<c>cacheRead</c>, kept as sent.</summary>
public sealed record UsageTokens
{
    public Optional<long> Total { get; init; }

    public Optional<long> Input { get; init; }

    public Optional<long> Output { get; init; }

    [JsonPropertyName("cache_creation")]
    public Optional<long> CacheCreation { get; init; }

    [JsonPropertyName("cache_read")]
    public Optional<long> CacheRead { get; init; }

    /// <summary>Compat spelling of <c>cache_creation</c>.</summary>
    [JsonPropertyName("cacheCreation")]
    public Optional<long> CacheCreationCamel { get; init; }

    /// <summary>Compat spelling of <c>cache_read</c>.</summary>
    [JsonPropertyName("cacheRead")]
    public Optional<long> CacheReadCamel { get; init; }

    /// <summary>Cache-creation tokens under either spelling.</summary>
    [JsonIgnore]
    public long? CacheCreationTokens => CacheCreation.HasValue ? CacheCreation.Value : CacheCreationCamel.HasValue ? CacheCreationCamel.Value : null;

    /// <summary>Cache-read tokens under either spelling.</summary>
    [JsonIgnore]
    public long? CacheReadTokens => CacheRead.HasValue ? CacheRead.Value : CacheReadCamel.HasValue ? CacheReadCamel.Value : null;
}
