using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Updates;

/// <summary>One key of a <c>kv-batch-update</c>.</summary>
public sealed record KvChange
{
    public Optional<string> Key { get; init; }

    public Optional<string> Value { get; init; }

    public Optional<long> Version { get; init; }
}
