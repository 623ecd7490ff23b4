using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.State;

/// <summary>Terminal metadata (§6.8), sent as an AES-GCM envelope keyed by the master secret. Legacy <c>happyCliVersion</c>/<c>happyHomeDir</c> are read as <c>cliVersion</c>/<c>delightHomeDir</c>.</summary>
public sealed record TerminalMetadata
{
    public Optional<string> Host { get; init; }

    public Optional<string> Platform { get; init; }

    public Optional<string> CliVersion { get; init; }

    public Optional<string> HomeDir { get; init; }

    public Optional<string> DelightHomeDir { get; init; }
}
