using System.Collections.Immutable;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>GET /v1/user</c>, <c>GET /v1/account/profile</c> response (<c>timestamp</c> in Unix seconds).</summary>
public sealed record AccountProfile
{
    public Optional<string> Id { get; init; }

    public Optional<long> Timestamp { get; init; }

    public Optional<string> PublicKey { get; init; }

    public Optional<string> FirstName { get; init; }

    public Optional<string> LastName { get; init; }

    public Optional<string> Username { get; init; }

    public Optional<RawJson> Avatar { get; init; }

    public Optional<RawJson> Github { get; init; }

    public Optional<ImmutableArray<RawJson>> ConnectedServices { get; init; }

    public Optional<string> Settings { get; init; }

    public Optional<long> SettingsVersion { get; init; }
}
