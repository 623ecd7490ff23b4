using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary>Any error body: <c>{"error":"&lt;text&gt;"}</c>.</summary>
public sealed record ErrorResponse
{
    public Optional<string> Error { get; init; }
}
