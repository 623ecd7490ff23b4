using System.Collections.Immutable;

namespace Delight.Runtime.Session;

/// <summary>
/// The session's place in its phone-message stream (a fix beyond upstream, found by the simulation: texts the phone
/// sent while the session socket was down were stored by the relay but never reached the agent). <see cref="LastSeq"/>
/// is the highest message seq taken in; live messages at or below it are duplicates. While <see cref="CatchingUp"/>,
/// a fetch of everything after <see cref="LastSeq"/> is in flight and live messages wait in <see cref="Held"/>, so the
/// agent still sees them in seq order. <see cref="FetchesInFlight"/> counts fetches not yet answered: a reconnect while one
/// runs starts another, and the catch-up ends only when the last one is answered (an older fetch's snapshot may predate
/// a text stored while the socket was down). Answers can arrive out of order, so <see cref="FailedSinceLastStart"/> notes
/// that some answer failed since the newest fetch started: when the last answer is in, the catch-up then retries instead
/// of ending on an older fetch's snapshot (found by the simulation: the reconnect's fetch failed first, the slow older
/// fetch answered after it). <see cref="RetryToken"/> is the token of the armed retry timer (0 = none), so a stale fire
/// starts no second fetch.
/// </summary>
public sealed record InboundCursor(
    long LastSeq,
    bool CatchingUp,
    ImmutableList<InboundUserMessage> Held,
    int FetchesInFlight = 0,
    long RetryToken = 0,
    bool FailedSinceLastStart = false)
{
    public static InboundCursor Initial { get; } = new(0, false, []);
}
