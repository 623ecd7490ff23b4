using Delight.Runtime.Mutants;

namespace Delight.Sim.Exploration;

/// <summary>
/// What one hunt explores: a name (a scenario's, or a mutant's in mutant mode), the scenario(s) it cycles through
/// (iteration n runs <c>Scenarios[(n - 1) mod Count]</c>) and the mutant armed while it runs.
/// </summary>
public sealed record HuntTarget(string Name, IReadOnlyList<IScenario> Scenarios, Mutant Mutant = Mutant.None)
{
    public static HuntTarget Of(IScenario scenario, Mutant mutant = Mutant.None) => new(scenario.Name, [scenario], mutant);

    /// <summary>The scenario iteration number <paramref name="iteration"/> (1-based) runs.</summary>
    public IScenario ScenarioOf(int iteration) => Scenarios[(iteration - 1) % Scenarios.Count];
}
