using Delight.Runtime.Agents;

namespace Delight.Sim.Fakes.Twins;

/// <summary>One simulated runner (a bridge, an app-server, an ACP session, a fake mode) and the turn state the twins
/// keep for it, as the real engines do. Fields are guarded by the owning twin's lock.</summary>
internal sealed class TwinRunner(long generation, AgentMode mode, string sessionId)
{
    private readonly CancellationTokenSource _lifetime = new();

    public long Generation { get; } = generation;

    public AgentMode Mode { get; } = mode;

    /// <summary>The resume token / thread id / Claude session id this runner reports.</summary>
    public string SessionId { get; } = sessionId;

    public bool Ready { get; set; }

    public bool Alive { get; private set; } = true;

    /// <summary>Cancelled when the runner is killed (stop, crash, dispose): every wait of the runner ends.</summary>
    public CancellationToken Lifetime => _lifetime.Token;

    public bool Working { get; set; }

    public string? TurnId { get; set; }

    public string? ThinkingTurnId { get; set; }

    public string? LastSessionId { get; set; }

    /// <summary>Claude: the bridge's FIFO queue of user lines.</summary>
    public Queue<AgentUserMessage> Pending { get; } = new();

    /// <summary>Claude: messages written whose turn has not ended (working is "outstanding &gt; 0").</summary>
    public int Outstanding { get; set; }

    /// <summary>Claude: a turn is being processed by the bridge.</summary>
    public bool TurnRunning { get; set; }

    /// <summary>The turn in progress: abort (Claude, ACP), interrupt (Codex) or a newer turn (ACP) cancels it.</summary>
    public CancellationTokenSource? TurnCancel { get; set; }

    /// <summary>Claude: cancelled on abort, withdrawing the aborted turn's prompts.</summary>
    public CancellationTokenSource PermissionScope { get; set; } = new();

    /// <summary>Codex: the active turn id (busy), a <c>turn/start</c> awaiting <c>turn/started</c>, an early abort.</summary>
    public string? ActiveTurn { get; set; }

    public bool TurnStartPending { get; set; }

    public bool AbortRequested { get; set; }

    public int Turns { get; set; }

    public void Kill()
    {
        Alive = false;
        _lifetime.Cancel();
    }
}
