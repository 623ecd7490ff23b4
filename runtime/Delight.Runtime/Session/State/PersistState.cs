using System.Collections.Immutable;

namespace Delight.Runtime.Session;

/// <summary>
/// The agent-state persistence sub-machine (RUNTIME.md §3.6, fixed): at most one <c>update-state</c> in flight, so acks
/// can never move the version backwards; a change while one is in flight marks <see cref="Dirty"/> and is sent when it
/// completes; acks for any other request are stale and ignored.
/// </summary>
public sealed record PersistState(
    bool DebounceArmed,
    long DebounceToken,
    int RetryBudget,
    long? InFlightSeq,
    bool Dirty,
    long NextSeq,
    ImmutableList<PersistWaiter> Waiters)
{
    public static PersistState Initial { get; } = new(false, 0, 0, null, false, 1, []);
}

/// <summary>A caller waiting until the agent state as of its request is persisted: answered by the first successful
/// request with seq ≥ <see cref="MinSeq"/> (the request that carries its change). <see cref="WantsAgentState"/>: the
/// reply carries the persisted JSON and version (the agent-config RPC result).</summary>
public sealed record PersistWaiter(long ReplyId, bool WantsAgentState, long MinSeq);
