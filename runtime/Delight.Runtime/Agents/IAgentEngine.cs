namespace Delight.Runtime.Agents;

/// <summary>
/// One agent engine (Claude remote, Codex app-server, ACP, fake, or the simulation's scripted twin), RUNTIME.md §5.1.
/// Events go to the <see cref="IAgentHost"/> given at creation; critical events are never dropped (the host applies
/// backpressure). <see cref="SendUserMessageAsync"/> may block for a whole turn (ACP), so the runtime calls it from
/// its own FIFO send queue, never from the effects runner.
/// </summary>
public interface IAgentEngine : IAsyncDisposable
{
    string AgentType { get; }

    AgentCapabilities Capabilities { get; }

    AgentConfig CurrentConfig { get; }

    /// <summary>Starts a runner; readiness is reported as <see cref="AgentReady"/> with <c>spec.Generation</c>.
    /// Throws when the start fails.</summary>
    Task StartAsync(AgentStartSpec spec, CancellationToken cancellationToken);

    Task StopAsync(AgentMode mode, long generation, CancellationToken cancellationToken);

    Task SendUserMessageAsync(long generation, AgentUserMessage message, CancellationToken cancellationToken);

    /// <summary>Types a line into the local runner (engines that cannot inject return false).</summary>
    Task<bool> InjectLineAsync(long generation, string text, CancellationToken cancellationToken);

    Task AbortAsync(long generation, CancellationToken cancellationToken);

    Task ApplyConfigAsync(long generation, AgentConfig config, CancellationToken cancellationToken);
}

/// <summary>What the runtime offers an engine.</summary>
public interface IAgentHost
{
    /// <summary>Reports an event. Waits when the runtime's inbox is full; never drops.</summary>
    ValueTask ReportAsync(AgentEvent agentEvent, CancellationToken cancellationToken);

    /// <summary>Asks the phone for a permission decision and waits for it (RUNTIME.md §3.5). Cancelling the token
    /// (turn abort, runner stop, timeout) withdraws the request on the phone.</summary>
    Task<PermissionDecision> AwaitPermissionAsync(PermissionAsk ask, CancellationToken cancellationToken);
}

public sealed record PermissionAsk(long Generation, string RequestId, string ToolName, string InputJson);

public sealed record PermissionDecision(bool Allow, string? Message);

/// <summary>Creates the engine for an agent type.</summary>
public interface IAgentEngineFactory
{
    IAgentEngine Create(string agentType, IAgentHost host);
}
