using System.Collections.Immutable;

namespace Delight.Sim.Replay;

/// <summary>The outcome of replaying one capture.</summary>
public sealed record ReplayReport(
    string Capture,
    int InputsReplayed,
    int CommandsCompared,
    ReplayDivergence? Divergence,
    ReplayViolation? Violation)
{
    public bool IsClean => Divergence is null && Violation is null;
}

/// <summary>The first place where the runtime did something other than what was recorded.</summary>
/// <param name="InputIndex">Index (in the capture) of the input whose reduction diverged.</param>
/// <param name="Preceding">The records just before it, as one-line summaries.</param>
/// <param name="Input">The input, as JSON.</param>
/// <param name="Expected">The recorded commands for that input, as JSON.</param>
/// <param name="Actual">The commands the runtime emitted, as JSON.</param>
/// <param name="Difference">Where they first differ ("command 2 at $.message.text", "count 3 vs 2", or null).</param>
/// <param name="StateDifferences">Recorded state essentials against the replayed ones ("fsm: RemoteRunning → LocalRunning").</param>
public sealed record ReplayDivergence(
    long InputIndex,
    ImmutableArray<string> Preceding,
    string Input,
    ImmutableArray<string> Expected,
    ImmutableArray<string> Actual,
    string? Difference,
    ImmutableArray<string> StateDifferences);

/// <summary>A safety invariant broken during the replay.</summary>
public sealed record ReplayViolation(long InputIndex, string Invariant, string Detail);
