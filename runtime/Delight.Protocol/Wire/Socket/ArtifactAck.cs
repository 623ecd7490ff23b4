using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Socket;

/// <summary>Ack of the <c>artifact-*</c> events: <c>{result, message?, artifact?, header?, body?}</c>.</summary>
public sealed record ArtifactAck
{
    public Optional<string> Result { get; init; }

    public Optional<string> Message { get; init; }

    public Optional<ArtifactInfo> Artifact { get; init; }

    public Optional<ArtifactPartResult> Header { get; init; }

    public Optional<ArtifactPartResult> Body { get; init; }
}
