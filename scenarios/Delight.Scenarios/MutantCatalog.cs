using Delight.Runtime.Mutants;

namespace Delight.Scenarios;

/// <summary>
/// Which scenario(s) must find each seeded mutant (RUNTIME.md §3.9, §3.10, §7 and the §9 scenario that replays the
/// defect's interleaving). `delight-sim explore --mutant` runs a mutant on these only; a mutant they do not find is
/// a hole in the harness.
/// </summary>
public static class MutantCatalog
{
    /// <summary>Every mutant (no <see cref="Mutant.None"/>), in enum order.</summary>
    public static IReadOnlyList<Entry> All { get; } =
    [
        new(Mutant.GenerationStampedAtDelivery, ["s3-double-take-control", "s7-rapid-mode-cycling"],
            "3.10-A: a replaced runner's late exit is stamped with the new generation (S3 step 5, S7 step 3)"),
        new(Mutant.ReplyBeforeCommit, ["s10-reply-purity"],
            "#25/#26: a reply observed before its state is committed (S10 a/b)"),
        new(Mutant.NonFifoAgentSends, ["s1-two-quick-messages"],
            "3.9-1: the second send overtakes the first on its way to the engine (S1 step 6)"),
        new(Mutant.InboxDropsWhenFull, ["s1-two-quick-messages", "s7-rapid-mode-cycling"],
            "3.10-E / S13: with the swarm's tight inbox (backpressure) a post that finds it full is lost: a message, a result or a fire"),
        new(Mutant.GhostPermissionPrompts, ["s5-permission-decision-matrix", "s4-permission-vs-blocked-effects"],
            "3.5: timeout, abort or switch leaves a request pending on the phone (S5 c/d/e/g)"),
        new(Mutant.EffectsRunInline, ["s4-permission-vs-blocked-effects"],
            "#19/#21: an ACP send blocks its whole turn on the loop, so the permission it waits on is never reduced (S4: effects-never-stall-the-loop)"),
        new(Mutant.AliasedState, ["s5-permission-decision-matrix", "s10-reply-purity"],
            "1.8: prev and next state share a collection the reducer writes through (state-never-mutated-after-commit)"),
        new(Mutant.RunnerRestartedWhileClosing, ["s9-shutdown-races"],
            "3.10-D: an inbound message or Ready in Closing restarts a runner (S9 steps 2-3)"),
        new(Mutant.SecondSwitchOrphansFirst, ["s3-double-take-control", "s7-rapid-mode-cycling"],
            "3.10-B: the second take-control overwrites the first caller's reply slot (S3 step 2)"),
        new(Mutant.PersistAcksOutOfOrder, ["s6-reconnect-and-versioning"],
            "3.6 / 3.10-F: acks delivered v+2 then v+1 move the version backwards (S6 step 4)"),
        new(Mutant.RpcHandlersLostAfterReconnect, ["s6-reconnect-and-versioning"],
            "F6 / S14: after a reconnect the rpc-request handler is gone and phone RPCs time out"),
        new(Mutant.BufferedMessagesDroppedOnFailedStart, ["s2-message-while-local-failing-start"],
            "3.10-C: the buffered phone message is dropped when the remote start fails (S2 steps 3-4)"),
        new(Mutant.RelayStaleKeepAliveReopensTurn, ["s8-keepalive-vs-turns"],
            "S8: an upstream CLI's keep-alive, read before the turn ended, reopens the closed turn on the relay"),
        new(Mutant.RelayLateDisconnectMarksOffline, ["s8-keepalive-vs-turns", "s6-reconnect-and-versioning"],
            "S8 variant / F6: the old socket's late disconnect marks the reconnected session offline"),
        new(Mutant.SdkStaleSendGate, ["s1-two-quick-messages"],
            "3.10-H: the user taps send twice and both pass the SDK's gate with nothing heard in between (S1 step 1)"),
        new(Mutant.CatchUpEndsOnFirstAnswer, ["s11-catch-up-across-reconnects"],
            "catch-up: a reconnect during a fetch, and the older answer ends the catch-up; a text stored meanwhile never reaches the agent (converges-after-heal)"),
        new(Mutant.TakebackWatcherOutlivesRemote, ["s7-rapid-mode-cycling"],
            "§2.6 TB-: the takeback watcher survives a switch to local and keeps reading the local runner's terminal (takeback-watcher-follows-remote)"),
    ];

    /// <summary>The entry of <paramref name="mutant"/>, or null (for <see cref="Mutant.None"/>).</summary>
    public static Entry? Find(Mutant mutant) => All.FirstOrDefault(e => e.Mutant == mutant);

    /// <summary>The scenario names that should find <paramref name="mutant"/>, first the most direct one.</summary>
    public static IReadOnlyList<string> ScenariosFor(Mutant mutant) => Find(mutant)?.Scenarios ?? [];

    /// <summary>One mutant, the scenarios that should find it (by name), and why.</summary>
    public sealed record Entry(Mutant Mutant, IReadOnlyList<string> Scenarios, string Why);
}
