using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Socket;

/// <summary><c>{data, expectedVersion}</c> of an artifact update (missing version = 0).</summary>
public sealed record ArtifactPartUpdate
{
    public Optional<string> Data { get; init; }

    public Optional<long> ExpectedVersion { get; init; }
}
