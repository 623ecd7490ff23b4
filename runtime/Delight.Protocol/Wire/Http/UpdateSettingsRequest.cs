using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/user/settings</c>, <c>/v1/account/settings</c> request.</summary>
public sealed record UpdateSettingsRequest
{
    public Optional<string> Settings { get; init; }

    public Optional<long> ExpectedVersion { get; init; }
}
