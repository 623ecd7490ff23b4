namespace Delight.Runtime.Relay.State;

/// <summary>
/// The session's turn row (PROTOCOL.md §10) plus the key of the last boundary applied, so a stale keep-alive cannot
/// reopen a closed turn (fix for RUNTIME.md S8). A boundary is keyed by (<see cref="BoundaryTurn"/>,
/// <see cref="BoundaryWorking"/>) when the CLI sends its optional monotonic <c>turn</c> id: (n, working) precedes
/// (n, idle) precedes (n+1, working). Without a turn id the key is the client's <c>time</c>
/// (<see cref="BoundaryAtMs"/>); an alive stamped earlier than the last boundary is stale. A forced close on the
/// session socket's disconnect only clears <see cref="Open"/>: it is not a logical boundary, so the reconnected
/// CLI's next keep-alive restores the real state.
/// </summary>
public sealed record TurnState(
    bool Open,
    long StartedAtMs,
    long CompletedAtMs,
    long BoundaryAtMs,
    long BoundaryTurn,
    bool BoundaryWorking)
{
    public static TurnState None { get; } = new(false, 0, 0, 0, 0, false);
}
