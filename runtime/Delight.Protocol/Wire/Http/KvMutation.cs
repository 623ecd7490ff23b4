using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary>One mutation: <c>version</c> = current version, −1 for a new key; null <c>value</c> deletes.</summary>
public sealed record KvMutation
{
    public Optional<string> Key { get; init; }

    public Optional<string> Value { get; init; }

    public Optional<long> Version { get; init; }
}
