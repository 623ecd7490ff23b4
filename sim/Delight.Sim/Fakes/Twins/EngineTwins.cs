using Delight.Runtime.Agents;
using Delight.Sim.Exploration;
using Delight.Sim.Swarm;

namespace Delight.Sim.Fakes.Twins;

/// <summary>Creates twins and draws which one a world uses.</summary>
public static class EngineTwins
{
    public static IReadOnlyList<EngineKind> Kinds { get; } = [EngineKind.Claude, EngineKind.Codex, EngineKind.Acp, EngineKind.Fake];

    /// <summary>The twin of <paramref name="kind"/>, driven by <paramref name="script"/>'s knobs (default knobs when null).</summary>
    public static TwinEngine Create(EngineKind kind, SimContext context, IAgentHost host, AgentScript? script = null)
    {
        script ??= new AgentScript();
        return kind switch
        {
            EngineKind.Claude => new ClaudeTwin(context, host, script),
            EngineKind.Codex => new CodexTwin(context, host, script),
            EngineKind.Acp => new AcpTwin(context, host, script),
            EngineKind.Fake => new FakeTwin(context, host, script),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown engine kind"),
        };
    }

    /// <summary>Draws one of the four kinds from the seed (one Coyote-recorded draw).</summary>
    public static EngineKind Draw(SimRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Kinds[random.NextInt(Kinds.Count)];
    }

    /// <summary>Draws among the kinds whose profile suits a scenario, e.g. <c>p =&gt; p.AsksPermissions</c> for a
    /// permission scenario (Claude or ACP) or <c>p =&gt; p.Exit.OnStop</c> for late-exit races (Claude).</summary>
    public static EngineKind Draw(SimRandom random, Func<EngineTwinProfile, bool> suits)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(suits);
        var candidates = Kinds.Where(k => suits(EngineTwinProfiles.For(k))).ToList();
        if (candidates.Count == 0)
        {
            throw new ArgumentException("no engine twin suits the filter", nameof(suits));
        }

        return candidates[random.NextInt(candidates.Count)];
    }

    /// <summary>The agent type a runtime's engine factory is asked for, mapped back to a kind (unknown → null).</summary>
    public static EngineKind? FromAgentType(string agentType) => agentType switch
    {
        "claude" => EngineKind.Claude,
        "codex" => EngineKind.Codex,
        "acp" => EngineKind.Acp,
        "fake" => EngineKind.Fake,
        _ => null,
    };

    /// <summary>An <see cref="IAgentEngineFactory"/> for a real SessionRuntime: every agent type gets the twin of
    /// <paramref name="kind"/>; <paramref name="created"/> sees each twin (to hook <c>MessageDelivered</c>).</summary>
    public static IAgentEngineFactory Factory(EngineKind kind, SimContext context, AgentScript? script = null, Action<TwinEngine>? created = null) =>
        new TwinEngineFactory(kind, context, script, created);

    private sealed class TwinEngineFactory(EngineKind kind, SimContext context, AgentScript? script, Action<TwinEngine>? created) : IAgentEngineFactory
    {
        public IAgentEngine Create(string agentType, IAgentHost host)
        {
            var twin = EngineTwins.Create(kind, context, host, script);
            created?.Invoke(twin);
            return twin;
        }
    }
}
