namespace Delight.Sim.StandIns.Wire;

/// <summary>
/// Applies a session's messages strictly in seq order, each once: duplicates are dropped, messages past a gap are
/// held until the gap is filled (by a later live update or an HTTP resync).
/// </summary>
public sealed class SeqGate<T>
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, T> _held = [];
    private long _last;

    public long LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    public bool HasGap
    {
        get
        {
            lock (_gate)
            {
                return _held.Count > 0;
            }
        }
    }

    /// <summary>Offers one message; returns the messages that may now be applied, in order.</summary>
    public IReadOnlyList<(long Seq, T Item)> Offer(long seq, T item)
    {
        lock (_gate)
        {
            if (seq <= _last || _held.ContainsKey(seq))
            {
                return [];
            }

            _held[seq] = item;
            var ready = new List<(long, T)>();
            while (_held.Remove(_last + 1, out var next))
            {
                _last++;
                ready.Add((_last, next));
            }

            return ready;
        }
    }
}
