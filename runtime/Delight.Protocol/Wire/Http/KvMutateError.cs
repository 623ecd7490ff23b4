using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary>A failed mutation <c>{key, error:"version-mismatch", version, value}</c>.</summary>
public sealed record KvMutateError
{
    public Optional<string> Key { get; init; }

    public Optional<string> Error { get; init; }

    public Optional<long> Version { get; init; }

    public Optional<string> Value { get; init; }
}
