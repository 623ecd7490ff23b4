namespace Delight.Sim.Exploration;

/// <summary>
/// How to hunt: <see cref="Iterations"/> is the size of the whole (unsharded) run; this process runs the
/// <see cref="Shard"/>'s slice of it and stops after <see cref="MaxBugs"/> bugs (0: never stops early).
/// </summary>
public sealed record HuntOptions(
    int Iterations,
    uint Seed,
    Strategy Strategy,
    string OutDirectory,
    Shard Shard,
    int MaxBugs = 1,
    bool CheckDeterminism = false,
    uint MaxFairSteps = 40_000)
{
    /// <summary>
    /// Mutant hunts: a bug counts as the mutant's only when the same iteration (same seed, same schedule choices)
    /// passes without the mutant; otherwise it is recorded as a baseline failure, a bug of the scenario itself.
    /// </summary>
    public bool BaselineCheck { get; init; }

    /// <summary>Called before each iteration with how many of this shard's iterations have started (1-based).</summary>
    public Action<int>? OnIteration { get; init; }
}
