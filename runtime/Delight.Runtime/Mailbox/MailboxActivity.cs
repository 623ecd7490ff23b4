namespace Delight.Runtime.Mailbox;

/// <summary>
/// Counts posts and receives on the simulation mailboxes of one world. The simulation's clock driver reads it to tell
/// a busy world from a quiet one: virtual time normally moves only when nothing else is moving (as on a real machine,
/// where a 5 s timeout rarely beats a sub-millisecond round trip), and only occasionally while work is in flight.
/// </summary>
public sealed class MailboxActivity
{
    private readonly object _gate = new();
    private long _ticks;

    // A plain lock (a Coyote-controlled primitive), not Interlocked: every read and tick is then the same kind of
    // scheduling point in every run, so traces replay.
    public long Ticks
    {
        get
        {
            lock (_gate)
            {
                return _ticks;
            }
        }
    }

    public void Tick()
    {
        lock (_gate)
        {
            _ticks++;
        }
    }
}
