using System.Globalization;

namespace Delight.Sim.Exploration;

/// <summary>
/// A deterministic 1/<see cref="Count"/> slice of a hunt's iterations: iteration number n (1-based, global to the
/// unsharded run) belongs to shard ((n - 1) mod Count) + 1. Every iteration's Coyote seed depends only on the hunt
/// seed and n (<see cref="IterationSeed"/>), so the shards of a run together replay exactly the iterations the
/// unsharded run would.
/// </summary>
public readonly record struct Shard
{
    /// <summary>The whole run (shard 1 of 1).</summary>
    public static readonly Shard Full = new(1, 1);

    public Shard(int index, int count)
    {
        if (count < 1 || index < 1 || index > count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"shard {index}/{count}: need 1 <= I <= N");
        }

        Index = index;
        Count = count;
    }

    /// <summary>1-based.</summary>
    public int Index { get; }

    public int Count { get; }

    /// <summary>Whether iteration number <paramref name="iteration"/> (1-based) is this shard's.</summary>
    public bool Owns(int iteration) => iteration >= 1 && (iteration - 1) % Count == Index - 1;

    /// <summary>This shard's iteration numbers (1-based, ascending) among the first <paramref name="total"/>.</summary>
    public IEnumerable<int> IterationsOf(int total)
    {
        for (var n = Index; n <= total; n += Count)
        {
            yield return n;
        }
    }

    /// <summary>How many of the first <paramref name="total"/> iterations are this shard's.</summary>
    public int CountOf(int total) => total < Index ? 0 : ((total - Index) / Count) + 1;

    /// <summary>Parses "I/N" (1 ≤ I ≤ N); on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out Shard shard, out string error)
    {
        shard = Full;
        error = string.Empty;
        var parts = (text ?? string.Empty).Trim().Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            error = $"--shard must look like I/N (for example 2/4), got '{text}'";
            return false;
        }

        if (count < 1)
        {
            error = $"--shard {text}: N must be at least 1";
            return false;
        }

        if (index < 1 || index > count)
        {
            error = $"--shard {text}: I must be between 1 and {count}";
            return false;
        }

        shard = new Shard(index, count);
        return true;
    }

    public override string ToString() => $"{Index}/{Count}";
}
