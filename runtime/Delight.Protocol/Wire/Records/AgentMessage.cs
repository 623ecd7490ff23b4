using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary><c>data.message</c>: role, model, Anthropic-style content blocks and a free-form usage blob.</summary>
public sealed record AgentMessage
{
    public Optional<string> Role { get; init; }

    public Optional<string> Model { get; init; }

    public Optional<ImmutableArray<ContentBlock>> Content { get; init; }

    public Optional<RawJson> Usage { get; init; }
}
