using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Updates;

/// <summary><c>new-feed-post</c> [UNUSED at HEAD: type only].</summary>
public sealed record NewFeedPostBody : UpdateBody
{
    public const string WireName = "new-feed-post";

    [JsonIgnore]
    public override string T => WireName;

    public Optional<string> Id { get; init; }

    public Optional<RawJson> Body { get; init; }

    public Optional<string> Cursor { get; init; }

    public Optional<long> CreatedAt { get; init; }

    public Optional<string> RepeatKey { get; init; }
}
