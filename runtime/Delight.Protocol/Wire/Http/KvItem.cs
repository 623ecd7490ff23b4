using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary>A key-value entry <c>{key, value, version}</c>.</summary>
public sealed record KvItem
{
    public Optional<string> Key { get; init; }

    public Optional<string> Value { get; init; }

    public Optional<long> Version { get; init; }
}
