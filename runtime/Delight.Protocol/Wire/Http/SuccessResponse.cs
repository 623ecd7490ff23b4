using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>{"success":true}</c>.</summary>
public sealed record SuccessResponse
{
    public Optional<bool> Success { get; init; }
}
