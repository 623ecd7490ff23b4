namespace Delight.Runtime.Mailbox;

/// <summary>
/// Counts posts and receives on the simulation mailboxes of one world. The simulation's clock driver reads it to tell
/// a busy world from a quiet one: virtual time normally moves only when nothing else is moving (as on a real machine,
/// where a 5 s timeout rarely beats a sub-millisecond round trip), and only occasionally while work is in flight.
/// </summary>
public sealed class MailboxActivity
{
    private long _ticks;

    public long Ticks => Interlocked.Read(ref _ticks);

    public void Tick() => Interlocked.Increment(ref _ticks);
}
