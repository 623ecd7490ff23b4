using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>GET /v1/auth/request/status</c> response <c>{"status":"pending"}</c> or <c>{"status":"authorized","response":"&lt;b64 box bundle&gt;"}</c>.</summary>
public sealed record PairingStatusResponse
{
    public Optional<string> Status { get; init; }

    public Optional<string> Response { get; init; }
}
