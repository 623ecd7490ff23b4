using Microsoft.Coyote.Random;

namespace Delight.Sim.Swarm;

/// <summary>
/// Every random draw of the simulated world goes through Coyote's generator, so a reproducible trace records it
/// (as <c>int(v)</c>/<c>bool(v)</c> steps) and a replay draws the same values. Never use System.Random in the world.
/// </summary>
public sealed class SimRandom
{
    private readonly Generator _generator = Generator.Create();

    /// <summary>0 ≤ result &lt; max.</summary>
    public int NextInt(int max) => max <= 1 ? 0 : _generator.NextInteger(max);

    /// <summary>min ≤ result ≤ max.</summary>
    public int Between(int min, int max) => max <= min ? min : min + NextInt(max - min + 1);

    /// <summary>True with probability percent/100 (no draw when the percent is 0 or 100, so disabled faults cost
    /// nothing in the trace).</summary>
    public bool Chance(int percent) => percent > 0 && (percent >= 100 || NextInt(100) < percent);

    public bool NextBool() => _generator.NextBoolean();
}
