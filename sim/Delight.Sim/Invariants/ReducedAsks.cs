namespace Delight.Sim.Invariants;

/// <summary>The permission asks the CLI session loop has reduced (filled by the session observer). An engine whose ask
/// timed out checks it: a phone that never answered is allowed, a loop that never even saw the ask is a stalled loop
/// (an effect run on it, HIST #19/#21).</summary>
public sealed class ReducedAsks
{
    private readonly object _gate = new();
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public void Add(string requestId)
    {
        lock (_gate)
        {
            _ids.Add(requestId);
        }
    }

    public bool Contains(string requestId)
    {
        lock (_gate)
        {
            return _ids.Contains(requestId);
        }
    }
}
