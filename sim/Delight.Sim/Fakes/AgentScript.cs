using Delight.Sim.Fakes.Twins;

namespace Delight.Sim.Fakes;

/// <summary>What the scripted agent does, beyond what the swarm draws (scenario-specific knobs).</summary>
public sealed record AgentScript
{
    /// <summary>Which real engine the agent is the twin of (its profile: <see cref="EngineTwinProfiles"/>). Claude by
    /// default: it asks permissions, exits on stop and crashes, like the generic engine the world was built on.</summary>
    public EngineKind Twin { get; init; } = EngineKind.Claude;

    /// <summary>Percent of messages for which the agent asks a permission before answering (twins that can ask:
    /// Claude, ACP; Codex and fake never ask).</summary>
    public int PermissionPercent { get; init; }

    /// <summary>How long the agent waits for a permission decision before denying (upstream: 5 min).</summary>
    public TimeSpan PermissionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Percent of remote starts that fail outright (spawn error; the fake engine cannot fail).</summary>
    public int RemoteStartFailurePercent { get; init; }

    /// <summary>An exit reported after Stop comes late, after a further delay on the virtual clock (S7's late exit
    /// delivery; only twins whose engine reports an exit on stop: Claude remote, Claude and Codex local).</summary>
    public bool LateExitDelivery { get; init; }

    /// <summary>Codex: percent of turns whose <c>turn/started</c> comes after the 10 s bound (the send fails visibly and
    /// the turn still starts later). The swarm's slow-agent rate adds a quarter of itself.</summary>
    public int LateTurnStartPercent { get; init; }

    /// <summary>Claude local accepts phone text typed into its TUI (ENGINES.md §3.3) and echoes it back through its
    /// transcript scanner. Off by default: an injected message reaches the agent without a local id, so the world must
    /// settle it through <see cref="ScriptedAgentEngine.LineInjected"/> before turning this on (otherwise injection
    /// fails, as it does for every other twin, and the runtime reports the message failed).</summary>
    public bool LocalInjection { get; init; }

    /// <summary>Kept for scenario compatibility: working and UI events now follow the twin's profile.</summary>
    public bool UiEvents { get; init; } = true;
}
