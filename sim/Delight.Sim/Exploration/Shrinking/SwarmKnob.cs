using Delight.Sim.Swarm;

namespace Delight.Sim.Exploration.Shrinking;

/// <summary>Whether a knob of the swarm configuration is a fault (shrinks to off) or a size (shrinks to smaller).</summary>
public enum SwarmKnobKind
{
    Fault,
    Size,
}

/// <summary>
/// One field of <see cref="SwarmConfig"/> the shrinker may lower, read and written as an int (booleans as 0/1), with
/// the values it tries in order: a fault only its quiet value, a size every smaller value from the smallest up.
/// </summary>
public sealed record SwarmKnob(string Name, SwarmKnobKind Kind, int Quiet, Func<SwarmConfig, int> Read, Func<SwarmConfig, int, SwarmConfig> Write)
{
    /// <summary>The values to try from <paramref name="config"/>, most shrunk first (none when already quiet).</summary>
    public IEnumerable<int> Candidates(SwarmConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var current = Read(config);
        if (Kind == SwarmKnobKind.Fault)
        {
            return current == Quiet ? [] : [Quiet];
        }

        return current <= Quiet ? [] : Enumerable.Range(Quiet, current - Quiet);
    }

    /// <summary>Whether the knob is away from its quiet value (a fault on, a size above its smallest).</summary>
    public bool IsActive(SwarmConfig config) => Read(config) != Quiet;
}
