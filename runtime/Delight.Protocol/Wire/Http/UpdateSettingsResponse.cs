using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary>Settings update response: <c>{success, version}</c>, or the (unreachable) mismatch shape.</summary>
public sealed record UpdateSettingsResponse
{
    public Optional<bool> Success { get; init; }

    public Optional<long> Version { get; init; }

    public Optional<string> Error { get; init; }

    public Optional<long> CurrentVersion { get; init; }

    public Optional<string> CurrentSettings { get; init; }
}
