using System.Collections.Immutable;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary>What an agent can be configured with.</summary>
public sealed record AgentCapabilities
{
    public Optional<ImmutableArray<string>> Models { get; init; }

    public Optional<ImmutableArray<string>> PermissionModes { get; init; }

    public Optional<ImmutableArray<string>> ReasoningEfforts { get; init; }
}
