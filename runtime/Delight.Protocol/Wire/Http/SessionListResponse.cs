using System.Collections.Immutable;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>GET /v1/sessions</c>, <c>GET /v2/sessions/active</c> response.</summary>
public sealed record SessionListResponse
{
    public Optional<ImmutableArray<Session>> Sessions { get; init; }
}
