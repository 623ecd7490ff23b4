using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>GET /v1/account/settings</c> response.</summary>
public sealed record AccountSettingsResponse
{
    public Optional<string> Settings { get; init; }

    public Optional<long> SettingsVersion { get; init; }
}
