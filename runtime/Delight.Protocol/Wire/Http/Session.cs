using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary>A session object of the HTTP API (<c>seq</c> = last message seq; <c>working</c> only from list endpoints).</summary>
public sealed record Session
{
    public Optional<string> Id { get; init; }

    public Optional<long> Seq { get; init; }

    public Optional<long> CreatedAt { get; init; }

    public Optional<long> UpdatedAt { get; init; }

    public Optional<bool> Active { get; init; }

    public Optional<long> ActiveAt { get; init; }

    public Optional<bool> Working { get; init; }

    public Optional<string> TerminalId { get; init; }

    public Optional<string> Metadata { get; init; }

    public Optional<long> MetadataVersion { get; init; }

    public Optional<string> AgentState { get; init; }

    public Optional<long> AgentStateVersion { get; init; }

    public Optional<string> DataEncryptionKey { get; init; }

    public Optional<RawJson> LastMessage { get; init; }
}
