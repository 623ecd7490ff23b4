namespace Delight.Sim.Exploration;

/// <summary>
/// The Coyote seed of one iteration of a hunt, from the hunt seed and the iteration number alone. Coyote's generator
/// runs on from one iteration to the next inside an engine run, so a hunt runs one engine per iteration with this seed:
/// then any slice of the iterations (a shard) replays them exactly as the whole run does.
/// </summary>
public static class IterationSeed
{
    /// <summary>SplitMix64 finalizer over (seed, iteration): neighbouring iterations get unrelated seeds.</summary>
    public static uint For(uint seed, int iteration)
    {
        var z = ((ulong)seed << 32) | (uint)iteration;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (uint)(z ^ (z >> 32));
    }
}
