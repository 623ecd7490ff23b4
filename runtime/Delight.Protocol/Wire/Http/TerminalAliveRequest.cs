using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/terminals/:id/alive</c> request.</summary>
public sealed record TerminalAliveRequest
{
    public Optional<bool> Active { get; init; }

    public Optional<long> Time { get; init; }
}
