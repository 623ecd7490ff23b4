using System.Collections.Immutable;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/kv/bulk</c> request.</summary>
public sealed record KvBulkRequest
{
    public Optional<ImmutableArray<string>> Keys { get; init; }
}
