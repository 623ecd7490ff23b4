using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.State;

/// <summary>Session metadata (§6.7): base64 of this JSON, NOT encrypted. Legacy <c>machineId</c>/<c>happyHomeDir</c> are read as <c>terminalId</c>/<c>delightHomeDir</c>.</summary>
public sealed record SessionMetadata
{
    public Optional<string> Path { get; init; }

    public Optional<string> Host { get; init; }

    public Optional<string> Version { get; init; }

    public Optional<string> Os { get; init; }

    public Optional<string> TerminalId { get; init; }

    public Optional<string> HomeDir { get; init; }

    public Optional<string> DelightHomeDir { get; init; }

    /// <summary>The agent name.</summary>
    public Optional<string> Flavor { get; init; }

    public Optional<string> ClaudeSessionId { get; init; }
}
