using Delight.Sim.Swarm;

namespace Delight.Sim.Fakes.Twins;

/// <summary>A delay range on the virtual clock; every draw goes through <see cref="SimRandom"/>.</summary>
public sealed record TwinDelay(TimeSpan Min, TimeSpan Max)
{
    public static TwinDelay None { get; } = new(TimeSpan.Zero, TimeSpan.Zero);

    public static TwinDelay Millis(int min, int max) => new(TimeSpan.FromMilliseconds(min), TimeSpan.FromMilliseconds(max));

    /// <summary>Min ≤ result ≤ Max, in whole milliseconds (no draw when the range is a single value).</summary>
    public TimeSpan Draw(SimRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var min = (int)Min.TotalMilliseconds;
        var max = (int)Max.TotalMilliseconds;
        return TimeSpan.FromMilliseconds(random.Between(min, max));
    }
}
