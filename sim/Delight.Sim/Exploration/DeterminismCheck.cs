namespace Delight.Sim.Exploration;

/// <summary>madsim's run-twice check: the same seed must give the same event log, iteration by iteration.</summary>
public static class DeterminismCheck
{
    /// <summary>The index of the first iteration whose hashes differ (or whose count differs), null when identical.</summary>
    public static int? FirstDifference(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        var common = Math.Min(first.Count, second.Count);
        for (var i = 0; i < common; i++)
        {
            if (!string.Equals(first[i], second[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return first.Count == second.Count ? null : common;
    }

    /// <summary>Where two event logs of the same iteration part ways.</summary>
    public static string Describe(IReadOnlyList<Recording.SimLogEntry> first, IReadOnlyList<Recording.SimLogEntry> second)
    {
        var common = Math.Min(first.Count, second.Count);
        for (var i = 0; i < common; i++)
        {
            if (first[i].ToString() != second[i].ToString())
            {
                return $"First difference at step {i + 1}: run 1 `{first[i]}` vs run 2 `{second[i]}`" +
                    (i > 0 ? $" (after `{first[i - 1]}`)" : string.Empty);
            }
        }

        return $"The logs agree for {common} steps; run 1 has {first.Count}, run 2 has {second.Count}.";
    }
}
