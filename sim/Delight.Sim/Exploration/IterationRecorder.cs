namespace Delight.Sim.Exploration;

/// <summary>Holds the contexts of the iterations an engine ran (the last one is the failing one when a bug stops the
/// engine). Keeps only the latest unless every log is needed for the determinism check.</summary>
internal sealed class IterationRecorder(bool keepAll, Action<int>? onIterationStarted)
{
    private readonly object _gate = new();
    private readonly List<SimContext> _all = [];

    public int Iterations { get; private set; }

    public SimContext? Current { get; private set; }

    public void Begin(SimContext context)
    {
        int count;
        lock (_gate)
        {
            Current = context;
            Iterations++;
            count = Iterations;
            if (keepAll)
            {
                _all.Add(context);
            }
        }

        onIterationStarted?.Invoke(count);
    }

    public IReadOnlyList<Recording.SimLogEntry> LogOf(int index)
    {
        lock (_gate)
        {
            return index < _all.Count ? _all[index].Log.Snapshot() : [];
        }
    }

    public IReadOnlyList<string> Hashes()
    {
        lock (_gate)
        {
            return [.. _all.Select(c => c.Log.ComputeHash())];
        }
    }
}
