using Delight.Sim.Swarm;

namespace Delight.Sim.Exploration.Shrinking;

/// <summary>
/// What shrinking a bug file did. Not <see cref="Reproduced"/>: the original configuration, pinned, failed with the
/// bug's invariant in none of the attempted iterations, and nothing was written. Otherwise the shrunk configuration,
/// the kept run (the shortest trace among the final configuration's failing runs), the files written and the cost.
/// </summary>
public sealed record ShrinkOutcome(
    string Scenario,
    string FailingInvariant,
    bool Reproduced,
    SwarmConfig Original,
    SwarmConfig? Shrunk,
    IReadOnlyList<ShrinkChange> Tried,
    int StepsBefore,
    ShrinkRun? Kept,
    int Runs,
    string? BugFilePath,
    string? ReportPath)
{
    /// <summary>Log entries of the first reproducing run of the original configuration (with the bug's own iteration
    /// first, the very run that found the bug when a hunt wrote the file).</summary>
    public int? LogEntriesBefore { get; init; }

    public int FaultsBefore => SwarmKnobs.ActiveFaults(Original);

    public int? FaultsAfter => Shrunk is null ? null : SwarmKnobs.ActiveFaults(Shrunk);

    public IEnumerable<ShrinkChange> KeptChanges => Tried.Where(c => c.Kept);
}
