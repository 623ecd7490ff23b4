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
}
