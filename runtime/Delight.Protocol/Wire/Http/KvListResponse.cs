using System.Collections.Immutable;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>GET /v1/kv</c> response (NULL values skipped).</summary>
public sealed record KvListResponse
{
    public Optional<ImmutableArray<KvItem>> Items { get; init; }
}
