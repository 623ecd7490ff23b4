namespace Delight.Runtime.Mutants;

/// <summary>
/// Seeded defects: each re-introduces one historical or latent defect class of upstream Delight (RUNTIME.md §7,
/// §3.10) so the simulation harness can prove it finds it. They can only be armed through
/// <see cref="MutantSwitches"/>, which is internal to this assembly and visible only to the simulation assemblies.
/// </summary>
public enum Mutant
{
    None = 0,

    /// <summary>3.10-A: engine events take the runner generation when delivered, not when the runner started.</summary>
    GenerationStampedAtDelivery,

    /// <summary>HIST #25/#26: a reply completes before the state it reports is committed.</summary>
    ReplyBeforeCommit,

    /// <summary>3.9-1: each agent send runs on its own task behind a lock that does not keep order.</summary>
    NonFifoAgentSends,

    /// <summary>1.5 / 3.10-E: a full inbox drops the post silently.</summary>
    InboxDropsWhenFull,

    /// <summary>3.5: requests left pending on the phone after timeout, abort or switch (ghost prompts).</summary>
    GhostPermissionPrompts,

    /// <summary>HIST #19/#21: effects run inline on the loop.</summary>
    EffectsRunInline,

    /// <summary>1.8: the reducer mutates collections shared between the previous and the next state.</summary>
    AliasedState,

    /// <summary>3.10-D: nothing guards Closing/Closed; an input restarts a runner after Shutdown.</summary>
    RunnerRestartedWhileClosing,

    /// <summary>3.10-B: a second switch orphans the first caller's reply.</summary>
    SecondSwitchOrphansFirst,

    /// <summary>3.6 / 3.10-F: persist acks applied out of order (the version moves backwards).</summary>
    PersistAcksOutOfOrder,

    /// <summary>F6 / S14: RPC handlers are not re-registered after a reconnect.</summary>
    RpcHandlersLostAfterReconnect,

    /// <summary>3.10-C: buffered phone messages are dropped when a remote start fails.</summary>
    BufferedMessagesDroppedOnFailedStart,

    /// <summary>S8: the relay applies every session-alive as it arrives, so a stale keep-alive reopens a closed turn.</summary>
    RelayStaleKeepAliveReopensTurn,

    /// <summary>F6: the old session socket's late disconnect marks the reconnected session offline.</summary>
    RelayLateDisconnectMarksOffline,

    /// <summary>3.10-H: the SDK send gate ignores the phone's own in-flight send, so two quick sends both pass.</summary>
    SdkStaleSendGate,

    /// <summary>Catch-up (beyond upstream): the first fetch to answer ends the catch-up, even when a reconnect started a
    /// newer fetch; a text stored while the socket was down after the older fetch's snapshot is never taken in.</summary>
    CatchUpEndsOnFirstAnswer,

    /// <summary>§2.6 TB-: the desktop takeback watcher is not stopped when the remote runner is replaced by a switch, so
    /// it keeps reading the terminal the local runner now owns (two readers of one TTY; cf. HIST #24).</summary>
    TakebackWatcherOutlivesRemote,
}
