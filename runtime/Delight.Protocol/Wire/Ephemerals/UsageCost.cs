using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Ephemerals;

/// <summary>Cost in the agent's currency units.</summary>
public sealed record UsageCost
{
    public Optional<double> Total { get; init; }

    public Optional<double> Input { get; init; }

    public Optional<double> Output { get; init; }
}
