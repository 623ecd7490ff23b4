namespace Delight.Sim.Fakes.Twins;

/// <summary>Local (desktop-controlled) mode. Our real Claude and Codex engines refuse it (they need a PTY), so their
/// local twins follow ENGINES.md §3 and §5 and are not conformance-tested; ACP and fake local are ours.</summary>
/// <param name="ReadyDelay">Until <c>AgentReady(local)</c> (Claude: at spawn; Codex: rollout found ≤ 8 s + 150 ms probe).</param>
/// <param name="ReportsRolloutPath">Codex reports <c>AgentRolloutPath</c> before ready.</param>
/// <param name="IsProcess">A local process that exits (on Stop or crash) with <c>AgentExited(local)</c>.</param>
/// <param name="StopExitDelay">From Stop until the local exit is reported.</param>
/// <param name="AcceptsInjection">Phone text can be typed into the local TUI (Claude only).</param>
public sealed record TwinLocalProfile(
    TwinDelay ReadyDelay,
    bool ReportsRolloutPath,
    bool IsProcess,
    TwinDelay StopExitDelay,
    bool AcceptsInjection);
