using Delight.Sim.Exploration;

namespace Delight.Sim.Cli.Commands.Merge;

/// <summary>
/// Joins the <c>summary.json</c> of every shard of one hunt. Refuses (with <see cref="MergeException"/>) shards of
/// different hunts (seed, strategy, mode, bug limit, shard count, tool versions, hunts and their sizes), a shard given
/// twice, a missing shard, and a shard that stopped before its slice was done without reaching its bug limit.
/// </summary>
internal static class SummaryMerger
{
    public static MergedSummary Merge(IReadOnlyList<(string Source, HuntSummary Summary)> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            throw new MergeException("nothing to merge: give the output folders of the shards");
        }

        var (firstSource, first) = inputs[0];
        foreach (var (source, summary) in inputs.Skip(1))
        {
            Same("mode", first.Mode, summary.Mode, firstSource, source);
            Same("seed", first.Seed, summary.Seed, firstSource, source);
            Same("strategy", first.Strategy, summary.Strategy, firstSource, source);
            Same("max-bugs", first.MaxBugs, summary.MaxBugs, firstSource, source);
            Same("check-determinism", first.CheckDeterminism, summary.CheckDeterminism, firstSource, source);
            Same("shard count", first.ShardCount, summary.ShardCount, firstSource, source);
            Same("delight-sim version", first.Tools.DelightSim, summary.Tools.DelightSim, firstSource, source);
            Same("runtime version", first.Tools.Runtime, summary.Tools.Runtime, firstSource, source);
            Same("Coyote version", first.Tools.Coyote, summary.Tools.Coyote, firstSource, source);
            Same("hunts", Describe(first), Describe(summary), firstSource, source);
        }

        CheckShards(inputs, first.ShardCount);
        foreach (var (source, summary) in inputs)
        {
            CheckComplete(source, summary);
        }

        var hunts = first.Hunts.Select(h =>
        {
            var parts = inputs.Select(i => (i.Source, i.Summary, Entry: i.Summary.Hunts.Single(e => e.Name == h.Name))).ToList();
            var bugs = parts
                .SelectMany(p => p.Entry.Bugs.Select(b => new MergedBug(
                    b.Iteration, b.Scenario, b.FailingInvariant, p.Summary.Shard.ToString(),
                    b.BugFile is null ? null : Path.Combine(p.Source, b.BugFile),
                    b.Report is null ? null : Path.Combine(p.Source, b.Report))))
                .OrderBy(b => b.Iteration)
                .ToList();
            var baseline = parts
                .SelectMany(p => p.Entry.BaselineFailures.Select(b => new MergedBug(b.Iteration, b.Scenario, b.FailingInvariant, p.Summary.Shard.ToString(), null, null)))
                .OrderBy(b => b.Iteration)
                .ToList();
            return new MergedHunt(h.Name, h.Scenarios, h.Mutant, h.Iterations, parts.Sum(p => p.Entry.IterationsRun), bugs) { BaselineFailures = baseline };
        }).ToList();

        return new MergedSummary(
            MergedSummary.CurrentFormat, first.Mode, first.Seed, first.Strategy, first.MaxBugs, first.CheckDeterminism,
            first.ShardCount, first.Tools, [.. inputs.Select(i => i.Source)], hunts);
    }

    private static void CheckShards(IReadOnlyList<(string Source, HuntSummary Summary)> inputs, int count)
    {
        foreach (var group in inputs.GroupBy(i => i.Summary.ShardIndex).Where(g => g.Count() > 1))
        {
            throw new MergeException($"duplicated shard {group.Key}/{count}: given by {string.Join(" and ", group.Select(g => g.Source))}");
        }

        var missing = Enumerable.Range(1, count).Except(inputs.Select(i => i.Summary.ShardIndex)).ToList();
        if (missing.Count > 0)
        {
            throw new MergeException(
                $"missing shard(s) {string.Join(", ", missing.Select(m => $"{m}/{count}"))} " +
                $"(have {string.Join(", ", inputs.Select(i => i.Summary.Shard.ToString()).Order(StringComparer.Ordinal))})");
        }
    }

    private static void CheckComplete(string source, HuntSummary summary)
    {
        foreach (var hunt in summary.Hunts)
        {
            var expected = summary.Shard.CountOf(hunt.Iterations);
            var stoppedOnBugs = summary.MaxBugs > 0 && hunt.Bugs.Count >= summary.MaxBugs;
            if (hunt.IterationsRun > expected || (hunt.IterationsRun < expected && !stoppedOnBugs))
            {
                throw new MergeException(
                    $"{source}: hunt {hunt.Name} ran {hunt.IterationsRun} of shard {summary.Shard}'s {expected} iteration(s) " +
                    "without reaching its bug limit (an interrupted or altered run)");
            }
        }
    }

    private static string Describe(HuntSummary summary) =>
        string.Join("; ", summary.Hunts.Select(h => $"{h.Name} [{string.Join(",", h.Scenarios)}] {h.Mutant ?? "-"} x{h.Iterations}"));

    private static void Same<T>(string what, T a, T b, string sourceA, string sourceB)
    {
        if (!EqualityComparer<T>.Default.Equals(a, b))
        {
            throw new MergeException($"mismatched {what}: {a} in {sourceA} but {b} in {sourceB} (shards of different hunts?)");
        }
    }
}
