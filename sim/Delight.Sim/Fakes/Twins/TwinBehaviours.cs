namespace Delight.Sim.Fakes.Twins;

/// <summary>When <c>SendUserMessageAsync</c> returns (RUNTIME.md §5.1).</summary>
public enum SendReturns
{
    /// <summary>Once the line is written to the bridge; the turn runs later, queued FIFO (Claude).</summary>
    AfterWrite,

    /// <summary>Once <c>turn/started</c> arrived, waiting at most the turn-started bound (Codex).</summary>
    AfterTurnStarted,

    /// <summary>Only when the whole turn is over, permission waits included (ACP).</summary>
    AfterTurn,

    /// <summary>Synchronously, with every event already reported (fake).</summary>
    Synchronously,
}

/// <summary>What a send does while a turn is in progress.</summary>
public enum BusyPolicy
{
    /// <summary>The message waits in the bridge's FIFO queue; one turn per <c>result</c> (Claude).</summary>
    Queue,

    /// <summary>The message is dropped with a visible assistant record (Codex's "still working…").</summary>
    RejectVisibly,

    /// <summary>The previous turn is cancelled and the new one runs (ACP).</summary>
    CancelPrevious,

    /// <summary>There is never a turn in progress (fake).</summary>
    NeverBusy,
}

/// <summary>How the agent asks for a permission.</summary>
public enum PermissionStyle
{
    /// <summary>It never asks (Codex's approval policy is <c>never</c>; fake).</summary>
    None,

    /// <summary>A stdio <c>control_request</c>; the turn continues after the <c>control_response</c> (Claude).</summary>
    ControlRequest,

    /// <summary>An <c>awaiting</c> run resumed with the decision; the send blocks meanwhile (ACP).</summary>
    AwaitingRun,
}

/// <summary>What Abort does to the turn in progress.</summary>
public enum AbortStyle
{
    /// <summary>The bridge kills Claude: no <c>result</c>, working cleared at once, prompts withdrawn (ours).</summary>
    DropTurn,

    /// <summary><c>turn/interrupt</c>, then <c>turn/completed</c> clears working (Codex).</summary>
    Interrupt,

    /// <summary>The turn's context is cancelled, the prompt withdrawn, the blocked send returns (ACP).</summary>
    CancelTurn,

    /// <summary>Nothing happens (fake).</summary>
    Ignored,
}

/// <summary>What "the agent crashed" means for this engine.</summary>
public enum CrashStyle
{
    /// <summary>The child process exits: working cleared, then <c>AgentExited</c> (Claude, and Codex in ours).</summary>
    ProcessExit,

    /// <summary>The server drops the request: the turn fails visibly and the send throws; no exit (ACP).</summary>
    FailedRequest,

    /// <summary>It cannot crash (fake).</summary>
    Never,
}
