using System.Collections.Immutable;

namespace Delight.Runtime.Session;

/// <summary>
/// The session's place in its phone-message stream (a fix beyond upstream, found by the simulation: texts the phone
/// sent while the session socket was down were stored by the relay but never reached the agent). <see cref="LastSeq"/>
/// is the highest message seq taken in; live messages at or below it are duplicates. While <see cref="CatchingUp"/>,
/// a fetch of everything after <see cref="LastSeq"/> is in flight and live messages wait in <see cref="Held"/>, so the
/// agent still sees them in seq order.
/// </summary>
public sealed record InboundCursor(long LastSeq, bool CatchingUp, ImmutableList<InboundUserMessage> Held)
{
    public static InboundCursor Initial { get; } = new(0, false, []);
}
