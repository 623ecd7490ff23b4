using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Updates;

/// <summary>The SDK's derived per-session UI state.</summary>
public sealed record SessionUi
{
    public Optional<bool> Connected { get; init; }

    public Optional<bool> Online { get; init; }

    public Optional<bool> Working { get; init; }

    public Optional<string> Mode { get; init; }

    public Optional<bool> Switching { get; init; }

    public Optional<string> Transition { get; init; }
}
