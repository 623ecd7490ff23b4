using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary>A terminal object of the HTTP API.</summary>
public sealed record Terminal
{
    public Optional<string> Id { get; init; }

    public Optional<long> Seq { get; init; }

    public Optional<string> Metadata { get; init; }

    public Optional<long> MetadataVersion { get; init; }

    public Optional<string> DaemonState { get; init; }

    public Optional<long> DaemonStateVersion { get; init; }

    public Optional<string> DataEncryptionKey { get; init; }

    public Optional<bool> Active { get; init; }

    public Optional<long> ActiveAt { get; init; }

    public Optional<long> CreatedAt { get; init; }

    public Optional<long> UpdatedAt { get; init; }
}
