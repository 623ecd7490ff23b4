using Delight.Scenarios.World;
using Delight.Sim.Exploration;
using Delight.Sim.Swarm;

namespace Delight.Scenarios.Scenarios;

/// <summary>Common shape of the §9 scenarios: a world built from options, then a drive of the interleaving.</summary>
public abstract class Scenario : IScenario
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    public abstract IReadOnlyList<string> Invariants { get; }

    public abstract SwarmProfile Profile { get; }

    /// <summary>Iterations per CI run (the NUnit test and `explore` with no --iterations).</summary>
    public virtual uint DefaultIterations => 50;

    protected virtual WorldOptions Options(SimContext context) => new();

    protected abstract Task DriveAsync(SimWorld world);

    public Task RunAsync(SimContext context) => SimWorld.RunAsync(context, Options(context), DriveAsync);
}
