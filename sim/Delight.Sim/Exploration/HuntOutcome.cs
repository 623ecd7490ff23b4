namespace Delight.Sim.Exploration;

/// <summary>What a hunt (one shard of it) ran and found. <see cref="PlannedIterations"/> is the size of the whole
/// unsharded run; <see cref="Iterations"/> are the global 1-based numbers this shard ran.</summary>
public sealed record HuntOutcome(HuntTarget Target, Shard Shard, int PlannedIterations, IReadOnlyList<int> Iterations, IReadOnlyList<HuntBug> Bugs)
{
    /// <summary>Iterations where the mutant's scenario failed without the mutant too (<see cref="HuntOptions.BaselineCheck"/>):
    /// not the mutant's finding, but a bug of the scenario or runtime to look at.</summary>
    public IReadOnlyList<HuntBug> BaselineFailures { get; init; } = [];

    public bool BugFound => Bugs.Count > 0;

    public HuntBug? FirstBug => Bugs.Count == 0 ? null : Bugs.MinBy(b => b.Iteration);
}
