using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary>A successful mutation <c>{key, version}</c>.</summary>
public sealed record KvMutateResult
{
    public Optional<string> Key { get; init; }

    public Optional<long> Version { get; init; }
}
