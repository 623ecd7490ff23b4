using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary>A feed item.</summary>
public sealed record FeedItem
{
    public Optional<string> Id { get; init; }

    public Optional<RawJson> Body { get; init; }

    public Optional<string> RepeatKey { get; init; }

    public Optional<string> Cursor { get; init; }

    public Optional<long> CreatedAt { get; init; }
}
