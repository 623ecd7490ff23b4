using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/sessions</c> request.</summary>
public sealed record CreateSessionRequest
{
    public Optional<string> Tag { get; init; }

    public Optional<string> TerminalId { get; init; }

    public Optional<string> Metadata { get; init; }

    public Optional<string> AgentState { get; init; }

    public Optional<string> DataEncryptionKey { get; init; }
}
