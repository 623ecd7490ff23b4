using System.Collections.Immutable;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Records;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>GET /v1/sessions/:id/messages</c> response; no <c>page</c> in legacy offset mode.</summary>
public sealed record MessagesResponse
{
    public Optional<ImmutableArray<SessionMessage>> Messages { get; init; }

    public Optional<MessagesPage> Page { get; init; }
}
