using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Socket;

/// <summary>Header/body of an artifact-update ack: <c>{version, data}</c> on success, <c>{currentVersion, currentData}</c> on mismatch.</summary>
public sealed record ArtifactPartResult
{
    public Optional<long> Version { get; init; }

    public Optional<string> Data { get; init; }

    public Optional<long> CurrentVersion { get; init; }

    public Optional<string> CurrentData { get; init; }
}
