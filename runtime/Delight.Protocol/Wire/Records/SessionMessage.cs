using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary>
/// A stored session message: <c>body.message</c> of a <c>new-message</c> update and an element of
/// <c>GET /v1/sessions/:id/messages</c>. <c>localId</c> is present with null when the sender gave none.
/// </summary>
public sealed record SessionMessage
{
    public Optional<string> Id { get; init; }

    public Optional<long> Seq { get; init; }

    public Optional<string> LocalId { get; init; }

    public Optional<MessageContent> Content { get; init; }

    public Optional<long> CreatedAt { get; init; }

    public Optional<long> UpdatedAt { get; init; }
}
