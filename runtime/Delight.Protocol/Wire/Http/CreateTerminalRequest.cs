using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/terminals</c> request.</summary>
public sealed record CreateTerminalRequest
{
    public Optional<string> Id { get; init; }

    public Optional<string> Metadata { get; init; }

    public Optional<string> DaemonState { get; init; }

    public Optional<string> DataEncryptionKey { get; init; }
}
