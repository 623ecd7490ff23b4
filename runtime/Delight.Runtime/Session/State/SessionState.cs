using System.Collections.Immutable;
using Delight.Runtime.Agents;

namespace Delight.Runtime.Session;

/// <summary>
/// Everything the session reducer owns (RUNTIME.md §2.1 with the fixes of §3.10/§10). Immutable: the reducer returns a
/// new value and never mutates this one. Serializable with System.Text.Json for captures; compare two states with
/// <see cref="SessionJson.Canonical"/> (records holding immutable collections compare collections by reference).
/// </summary>
public sealed record SessionState
{
    public required SessionSettings Settings { get; init; }

    public FsmState Fsm { get; init; } = FsmState.Closed;

    /// <summary>Set once Shutdown is reduced: from then on Closing and Closed are absorbing (§10).</summary>
    public bool ShutdownRequested { get; init; }

    /// <summary>User-visible control mode; keeps its last value in Closing/Closed.</summary>
    public AgentMode Mode { get; init; } = AgentMode.Local;

    /// <summary>G: incremented by every real switch and by the remote-crash fallback. Engines receive it in
    /// <see cref="AgentStartSpec.Generation"/> and stamp their events with it.</summary>
    public long RunnerGen { get; init; }

    /// <summary>A turn is in flight (the phone's busy flag).</summary>
    public bool Working { get; init; }

    /// <summary>Monotonic sequence of every activity (<c>session-alive</c>) the reducer emits, keep-alives included,
    /// so there is exactly one writer of the server's turn state and its updates are totally ordered (S8).</summary>
    public long ActivitySeq { get; init; }

    public string? ResumeToken { get; init; }

    public string? RolloutPath { get; init; }

    public string? LastExitError { get; init; }

    /// <summary>The desktop takeback watcher was asked to run (TB+ emitted, TB- not yet): exactly while the remote runner
    /// runs, so every start has one stop.</summary>
    public bool TakebackWatching { get; init; }

    public required AgentStateDoc AgentState { get; init; }

    /// <summary>Last agent state version known from the server. Never decreases.</summary>
    public long AgentStateVersion { get; init; }

    /// <summary>Session metadata (decrypted JSON): as created, then as the relay last broadcast it. The CLI never writes it
    /// (§2.4); the relay refreshes it by CAS when the session is reattached.</summary>
    public string? MetadataJson { get; init; }

    /// <summary>Version of <see cref="MetadataJson"/>; never decreases (an older broadcast is ignored).</summary>
    public long MetadataVersion { get; init; }

    /// <summary>Every switch caller still waiting for its reply, in arrival order (fix for 3.10-B).</summary>
    public ImmutableList<PendingSwitch> PendingSwitches { get; init; } = [];

    /// <summary>Engine waiters of the prompts in <see cref="AgentStateDoc.Requests"/>, by request id.</summary>
    public ImmutableSortedDictionary<string, PendingPermission> PendingPermissions { get; init; } =
        ImmutableSortedDictionary.Create<string, PendingPermission>(StringComparer.Ordinal);

    /// <summary>Phone messages waiting for a runner, ordered by <see cref="BufferedMessage.Seq"/>.</summary>
    public ImmutableList<BufferedMessage> BufferedMessages { get; init; } = [];

    /// <summary>Next sequence number for a phone or local message (orders redelivery after a failed send).</summary>
    public long NextMessageSeq { get; init; } = 1;

    public EchoWindows Echo { get; init; } = EchoWindows.Empty;

    public PersistState Persist { get; init; } = PersistState.Initial;

    public ConnectionState Connection { get; init; } = ConnectionState.Initial;

    /// <summary>Where the phone-message stream stands: the last seq taken in, and messages held while a catch-up
    /// fetch runs.</summary>
    public InboundCursor Inbound { get; init; } = InboundCursor.Initial;

    /// <summary>Token of the armed keep-alive timer (0 = not armed).</summary>
    public long KeepAliveToken { get; init; }

    /// <summary>Next token for any timer the reducer arms; a fire carrying another token is stale.</summary>
    public long NextTimerToken { get; init; } = 1;

    /// <summary>The state a new session starts in (§3.7 F1): Closed, local, seeded agent state. Stale prompts of a
    /// previous run are withdrawn at once (fix for the ghost requests of §2.2): nothing waits on them.</summary>
    /// <param name="local">The machine-local facts (ENGINES.md §8.2): its rollout path seeds the session's; its resume
    /// token is used only when the server's agent state has none (a <c>--resume</c> flag arrives in <paramref name="seeded"/>).</param>
    /// <param name="metadataJson">The session metadata as created or found (decrypted), with <paramref name="metadataVersion"/>.</param>
    public static SessionState Initial(
        SessionSettings settings,
        AgentStateDoc? seeded = null,
        long agentStateVersion = 0,
        long nowMs = 0,
        LocalSessionInfo? local = null,
        string? metadataJson = null,
        long metadataVersion = 0)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var doc = (seeded ?? AgentStateDoc.Create(settings.AgentType)) with
        {
            AgentType = settings.AgentType,
            ControlledByUser = true,
        };
        var completed = doc.CompletedRequests;
        foreach (var (id, request) in doc.Requests)
        {
            completed = completed.SetItem(id, new CompletedRequestRecord(request.ToolName, request.InputJson, false, "withdrawn: session restarted", nowMs));
        }

        doc = doc with { Requests = AgentStateDoc.EmptyRequests, CompletedRequests = completed };
        if (string.IsNullOrEmpty(doc.ResumeToken) && !string.IsNullOrEmpty(local?.ResumeToken))
        {
            doc = doc with { ResumeToken = local.ResumeToken };
        }

        return new SessionState
        {
            Settings = settings,
            AgentState = doc,
            AgentStateVersion = agentStateVersion,
            ResumeToken = doc.ResumeToken,
            RolloutPath = string.IsNullOrEmpty(local?.RolloutPath) ? null : local.RolloutPath,
            MetadataJson = metadataJson,
            MetadataVersion = metadataVersion,
        };
    }
}
