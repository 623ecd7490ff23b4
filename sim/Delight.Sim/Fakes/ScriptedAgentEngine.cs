using Delight.Runtime.Agents;
using Delight.Sim.Exploration;
using Delight.Sim.Fakes.Twins;

namespace Delight.Sim.Fakes;

/// <summary>
/// The simulation's agent engine: the simulated twin of the engine <see cref="AgentScript.Twin"/> names (Claude remote,
/// Codex app-server, ACP or fake), whose delays, output, permission round trips and exits follow that engine's
/// <see cref="EngineTwinProfile"/>, every choice drawn from the seed. It is also a checker: at most one runner alive,
/// and every phone message reaches it at most once and in the order each phone task sent it.
/// </summary>
public sealed class ScriptedAgentEngine : IAgentEngine
{
    public ScriptedAgentEngine(SimContext context, IAgentHost host, AgentScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        Twin = EngineTwins.Create(script.Twin, context, host, script);
    }

    /// <summary>The twin doing the work.</summary>
    public TwinEngine Twin { get; }

    public EngineKind Kind => Twin.Kind;

    public string AgentType => Twin.AgentType;

    public AgentCapabilities Capabilities => Twin.Capabilities;

    public AgentConfig CurrentConfig => Twin.CurrentConfig;

    /// <summary>Local ids in the order the agent received them.</summary>
    public IReadOnlyList<string> Delivered => Twin.Delivered;

    /// <summary>Generations of the runners alive now.</summary>
    public IReadOnlyList<long> AliveGenerations => Twin.AliveGenerations;

    /// <summary>Raised when a phone message reaches the agent (closes its liveness obligation).</summary>
    public event Action<string>? MessageDelivered
    {
        add => Twin.MessageDelivered += value;
        remove => Twin.MessageDelivered -= value;
    }

    /// <summary>Raised with the text when a line is typed into the local runner (Claude local with
    /// <see cref="AgentScript.LocalInjection"/>): the phone message reached the agent without its local id.</summary>
    public event Action<string>? LineInjected
    {
        add => Twin.LineInjected += value;
        remove => Twin.LineInjected -= value;
    }

    /// <summary>Called as a start begins (the world checks who owns the desktop terminal at that moment).</summary>
    public Action<AgentStartSpec>? Starting { get; set; }

    public Task StartAsync(AgentStartSpec spec, CancellationToken cancellationToken)
    {
        Starting?.Invoke(spec);
        return Twin.StartAsync(spec, cancellationToken);
    }

    public Task StopAsync(AgentMode mode, long generation, CancellationToken cancellationToken) => Twin.StopAsync(mode, generation, cancellationToken);

    public Task SendUserMessageAsync(long generation, AgentUserMessage message, CancellationToken cancellationToken) =>
        Twin.SendUserMessageAsync(generation, message, cancellationToken);

    public Task<bool> InjectLineAsync(long generation, string text, CancellationToken cancellationToken) => Twin.InjectLineAsync(generation, text, cancellationToken);

    public Task AbortAsync(long generation, CancellationToken cancellationToken) => Twin.AbortAsync(generation, cancellationToken);

    public Task ApplyConfigAsync(long generation, AgentConfig config, CancellationToken cancellationToken) => Twin.ApplyConfigAsync(generation, config, cancellationToken);

    public async ValueTask DisposeAsync() => await Twin.DisposeAsync().ConfigureAwait(false);
}
