using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Updates;

/// <summary><c>{value, version}</c>: a CAS-versioned value in update bodies.</summary>
public sealed record VersionedValue
{
    public Optional<string> Value { get; init; }

    public Optional<long> Version { get; init; }
}
