namespace Delight.Sim.Fakes;

/// <summary>What the scripted agent does, beyond what the swarm draws (scenario-specific knobs).</summary>
public sealed record AgentScript
{
    /// <summary>Percent of messages for which the agent asks a permission before answering.</summary>
    public int PermissionPercent { get; init; }

    /// <summary>How long the agent waits for a permission decision before denying (upstream: 5 min).</summary>
    public TimeSpan PermissionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Percent of remote starts that fail outright (spawn error).</summary>
    public int RemoteStartFailurePercent { get; init; }

    /// <summary>Stop reports the exit after a delay on the virtual clock (S7's late exit delivery).</summary>
    public bool LateExitDelivery { get; init; }

    /// <summary>Emit thinking/UI events and working flags around each turn.</summary>
    public bool UiEvents { get; init; } = true;
}
