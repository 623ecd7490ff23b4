using System.Collections.Immutable;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/kv/bulk</c> response.</summary>
public sealed record KvBulkResponse
{
    public Optional<ImmutableArray<KvItem>> Values { get; init; }
}
