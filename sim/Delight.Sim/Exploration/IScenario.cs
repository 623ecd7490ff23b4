namespace Delight.Sim.Exploration;

/// <summary>
/// One scenario of RUNTIME.md §9: builds a fresh world from the <see cref="SimContext"/> (every iteration gets a new
/// one) and drives the interleaving. It must leave no task blocked when it returns: Coyote reports that as a deadlock.
/// </summary>
public interface IScenario
{
    /// <summary>Stable command-line name, e.g. "s1-two-quick-messages".</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>The invariants this scenario is built to exercise (all invariants are checked on every step anyway).</summary>
    IReadOnlyList<string> Invariants { get; }

    /// <summary>Which faults the swarm may draw for this scenario.</summary>
    Swarm.SwarmProfile Profile { get; }

    Task RunAsync(SimContext context);
}
