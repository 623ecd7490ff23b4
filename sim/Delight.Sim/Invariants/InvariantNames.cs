namespace Delight.Sim.Invariants;

/// <summary>The names of every invariant the harness checks. They appear in bug files, reports and test output.</summary>
public static class InvariantNames
{
    // Safety, checked on every step.
    public const string PhoneMessagesAtMostOnceInOrder = "phone-messages-at-most-once-in-order";
    public const string RelaySeqsGapFree = "relay-seqs-gap-free";
    public const string PhoneAppliesInOrderOnce = "phone-applies-in-order-once";
    public const string AgentStateVersionMonotonic = "agent-state-version-monotonic";
    public const string NoReplyBeforeCommit = "no-reply-before-commit";
    public const string AtMostOneRunner = "at-most-one-runner";
    public const string NoRunnerAfterShutdown = "no-runner-after-shutdown";
    public const string PermissionResolvedOnce = "permission-resolved-once";
    public const string NoGhostPermission = "no-ghost-permission";
    public const string SdkNeverDeadlocks = "sdk-never-deadlocks";
    public const string ScenarioOracle = "scenario-oracle";
    public const string ConvergesAfterHeal = "converges-after-heal";
    public const string ServerHasLatestState = "server-has-latest-agent-state";
    public const string TurnStateFollowsLatestBoundary = "turn-state-follows-latest-boundary";
    public const string SdkSendGateCountsOwnSend = "sdk-send-gate-counts-own-send";
    public const string EffectsNeverStallTheLoop = "effects-never-stall-the-loop";
    public const string StateNeverMutatedAfterCommit = "state-never-mutated-after-commit";
    public const string RpcReachesSession = "rpc-reaches-session";
    public const string OnlineFollowsSessionSocket = "online-follows-session-socket";
    public const string TakebackWatcherFollowsRemote = "takeback-watcher-follows-remote";

    // Liveness, as Coyote monitors with hot and cold states.
    public const string MessageEventuallySettled = "message-eventually-settled";
    public const string PermissionEventuallyResolved = "permission-eventually-resolved";
    public const string SwitchEventuallyReplied = "switch-eventually-replied";

    // Harness self-checks.
    public const string HarnessDeterminism = "harness-determinism";
    public const string Deadlock = "deadlock";
    public const string UnhandledException = "unhandled-exception";

    public static IReadOnlyList<string> Safety { get; } =
    [
        PhoneMessagesAtMostOnceInOrder, RelaySeqsGapFree, PhoneAppliesInOrderOnce, AgentStateVersionMonotonic,
        NoReplyBeforeCommit, AtMostOneRunner, NoRunnerAfterShutdown, PermissionResolvedOnce, NoGhostPermission,
        SdkNeverDeadlocks, SdkSendGateCountsOwnSend, EffectsNeverStallTheLoop,
        StateNeverMutatedAfterCommit, RpcReachesSession, OnlineFollowsSessionSocket, TakebackWatcherFollowsRemote,
    ];

    public static IReadOnlyList<string> Liveness { get; } =
        [MessageEventuallySettled, PermissionEventuallyResolved, SwitchEventuallyReplied];
}
