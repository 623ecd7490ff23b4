using Delight.Sim.Fakes;

namespace Delight.Scenarios.World;

/// <summary>Scenario-specific knobs of the world (the swarm draws the rest).</summary>
public sealed record WorldOptions
{
    public AgentScript Agent { get; init; } = new();

    /// <summary>The desktop starts the agent locally before the scenario drives anything (F1).</summary>
    public bool StartLocal { get; init; } = true;

    /// <summary>Shut the CLI down once the scenario's drive is over (and check the end state after it).</summary>
    public bool ShutdownAtEnd { get; init; } = true;
}
