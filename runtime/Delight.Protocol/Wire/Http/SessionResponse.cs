using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>{"session":Session}</c>.</summary>
public sealed record SessionResponse
{
    public Optional<Session> Session { get; init; }
}
