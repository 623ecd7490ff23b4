using System.Collections.Immutable;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>GET /v1/feed</c> response (always empty at HEAD).</summary>
public sealed record FeedResponse
{
    public Optional<ImmutableArray<FeedItem>> Items { get; init; }

    public Optional<bool> HasMore { get; init; }
}
