using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/auth</c> response <c>{"success":true,"token":"&lt;jwt&gt;"}</c>.</summary>
public sealed record AuthResponse
{
    public Optional<bool> Success { get; init; }

    public Optional<string> Token { get; init; }
}
