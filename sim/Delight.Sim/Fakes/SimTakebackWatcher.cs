using Delight.Runtime.Agents;
using Delight.Runtime.Session;
using Delight.Sim.Exploration;
using Delight.Sim.Invariants;

namespace Delight.Sim.Fakes;

/// <summary>
/// The desktop terminal's takeback watcher in the simulation: started and stopped by the session's TB+/TB- effects, and
/// pressed by the scenario (space twice) at a point Coyote chooses. Checks on every start that no watcher already runs
/// (one reader of the terminal) and keeps counts for the end check (the watcher runs exactly while the remote runner
/// runs).
/// </summary>
public sealed class SimTakebackWatcher(SimContext context) : ITakebackWatcher
{
    private readonly object _gate = new();
    private Func<TakebackSignal, ValueTask>? _onSignal;

    public bool IsWatching
    {
        get
        {
            lock (_gate)
            {
                return _onSignal is not null;
            }
        }
    }

    public int Starts { get; private set; }

    public int Stops { get; private set; }

    public void Start(Func<TakebackSignal, ValueTask> onSignal)
    {
        lock (_gate)
        {
            context.Invariants.Check(_onSignal is null, InvariantNames.TakebackWatcherFollowsRemote,
                "a second takeback watcher started while one already reads the terminal");
            _onSignal = onSignal;
            Starts++;
        }

        context.Log.Add("desktop", "watcher", "started");
    }

    public void Stop()
    {
        lock (_gate)
        {
            if (_onSignal is null)
            {
                return;
            }

            _onSignal = null;
            Stops++;
        }

        context.Log.Add("desktop", "watcher", "stopped");
    }

    /// <summary>A local runner is about to take the desktop terminal: the watcher must have let go of it. Sound because
    /// the reducer emits TB- before the StartRunner of the same switch and the effects runner executes them in order.</summary>
    public void CheckTerminalFree(AgentStartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Mode == AgentMode.Local)
        {
            context.Invariants.Check(!IsWatching, InvariantNames.TakebackWatcherFollowsRemote,
                $"the local runner (gen {spec.Generation}) takes the terminal while the takeback watcher still reads it");
        }
    }

    /// <summary>The user presses space twice: a takeback when a watcher runs, nothing otherwise (the keys go to
    /// whatever owns the terminal).</summary>
    public async Task PressTakebackAsync()
    {
        Func<TakebackSignal, ValueTask>? onSignal;
        lock (_gate)
        {
            onSignal = _onSignal;
        }

        context.Log.Add("desktop", "keys", onSignal is null ? "space space (no watcher: ignored)" : "space space (takeback)");
        if (onSignal is not null)
        {
            await onSignal(TakebackSignal.Takeback).ConfigureAwait(false);
        }
    }
}
