using Delight.Runtime.Mutants;

namespace Delight.Sim.Exploration;

/// <summary>How to explore one scenario.</summary>
public sealed record ExploreOptions(
    uint Iterations,
    uint Seed,
    Strategy Strategy,
    string OutDirectory,
    bool CheckDeterminism = false,
    Mutant Mutant = Mutant.None,
    uint MaxFairSteps = 40_000)
{
    /// <summary>Called at the start of each iteration with its 1-based number (progress display).</summary>
    public Action<int>? OnIteration { get; init; }

    /// <summary>Called with each iteration's context before the scenario runs (e.g. to record the world's session
    /// with a capture recorder: the last iteration of a run that found a bug is the failing one).</summary>
    public Action<SimContext>? OnContext { get; init; }
}
