using Delight.Agents.Process;

namespace Delight.Agents.Claude;

/// <summary>One bridge process and the state the adapter keeps for it. Every event it produces carries
/// <see cref="Generation"/>, captured at start.</summary>
internal sealed class ClaudeBridgeRunner
{
    public ClaudeBridgeRunner(long generation)
    {
        Generation = generation;
    }

    public long Generation { get; }

    public object Gate { get; } = new();

    public JsonLinesProcess? Process { get; set; }

    public CancellationTokenSource Lifetime { get; } = new();

    /// <summary>Set by the <c>ready</c> line, or failed by an <c>error</c> line or end of file before it.</summary>
    public TaskCompletionSource ReadyLine { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Opens once <c>AgentReady</c> has been reported, so no later line is reported before it.</summary>
    public TaskCompletionSource ReadyReported { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cancelled on abort: permission prompts of the aborted turn are withdrawn.</summary>
    public CancellationTokenSource TurnPermissions { get; set; } = new();

    public bool Running { get; set; }

    /// <summary>Messages written whose turn has not ended (bridge queue plus the turn in progress). Working is
    /// "outstanding &gt; 0", so a <c>result</c> with more messages queued keeps working true (fixes §2.8's hazard).</summary>
    public int Outstanding { get; set; }

    public bool Working { get; set; }

    public string? TurnId { get; set; }

    public string? ThinkingTurnId { get; set; }

    public string? LastSessionId { get; set; }

    public Dictionary<string, string> ToolNames { get; } = [];
}
