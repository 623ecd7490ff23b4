using Delight.Runtime.Mailbox;
using Delight.Runtime.Mutants;
using Delight.Sim.Clock;
using Delight.Sim.Invariants;
using Delight.Sim.Invariants.Liveness;
using Delight.Sim.Recording;
using Delight.Sim.Swarm;

namespace Delight.Sim.Exploration;

/// <summary>
/// Everything one iteration of one scenario owns: the random source (Coyote's), the virtual clock and its driver, the
/// event log, the invariant checker, the liveness obligations and the drawn swarm configuration. Created fresh inside
/// each iteration, so no state survives from one iteration to the next.
/// </summary>
public sealed class SimContext
{
    private SimContext(string scenario, Mutant mutant, SwarmProfile profile, SwarmConfig? pinnedSwarm)
    {
        Scenario = scenario;
        Mutant = mutant;
        Random = new SimRandom();
        Clock = new VirtualTimeProvider();
        Activity = new MailboxActivity();
        Log = new SimLog(() => Clock.Elapsed, Activity);
        Invariants = new InvariantChecker(Log);
        Liveness = new LivenessObligations(Log);
        Mailboxes = new SimulationMailboxFactory(Activity);
        ClockDriver = new ClockDriver(Clock, Random, EarlyFireOdds, Activity);
        Clock.Fired += (at, id) => Log.Add("clock", "timer-fired", $"timer#{id} at {at.TotalMilliseconds:0}ms");
        // A pinned configuration (a shrunk bug file) still lets the draw happen and discards it: the generator's stream
        // then runs on from the same point as in the unpinned run, and unpinned runs draw exactly as before.
        var drawn = SwarmConfig.Draw(Random, profile);
        Swarm = pinnedSwarm ?? drawn;
        Log.Add("swarm", pinnedSwarm is null ? "config" : "pinned-config", Swarm.ToString());
    }

    /// <summary>While the world is busy, a timer fires early with probability 1/this per clock-driver turn.</summary>
    public const int EarlyFireOdds = 25;

    public string Scenario { get; }

    /// <summary>Traffic on this iteration's mailboxes (the clock driver's measure of a quiet world).</summary>
    public MailboxActivity Activity { get; }

    /// <summary>An extra observer the world plugs into the CLI session runtime's loop (the capture recorder of
    /// <c>replay-bug --export-capture</c>), made from the session's initial state; null: none.</summary>
    public Func<Runtime.Session.SessionState, Runtime.Actor.IActorObserver<Runtime.Session.SessionState, Runtime.Session.SessionEvent, Runtime.Session.SessionCommand>>? SessionObserverFactory { get; set; }

    /// <summary>Mailboxes for every runtime and queue of this iteration's world (counted by <see cref="Activity"/>).</summary>
    public SimulationMailboxFactory Mailboxes { get; }

    public Mutant Mutant { get; }

    public SimRandom Random { get; }

    public VirtualTimeProvider Clock { get; }

    public ClockDriver ClockDriver { get; }

    public SimLog Log { get; }

    public InvariantChecker Invariants { get; }

    public LivenessObligations Liveness { get; }

    /// <summary>Permission asks the CLI loop has reduced (see <see cref="Invariants.ReducedAsks"/>).</summary>
    public ReducedAsks ReducedAsks { get; } = new();

    public SwarmConfig Swarm { get; }

    /// <summary>Creates the context inside a running Coyote iteration and registers the liveness monitors.</summary>
    /// <param name="pinnedSwarm">Use this configuration instead of the drawn one (the draw still happens); null: the drawn one.</param>
    public static SimContext Create(string scenario, Mutant mutant, SwarmProfile profile, bool registerMonitors = true, SwarmConfig? pinnedSwarm = null)
    {
        if (registerMonitors)
        {
            LivenessObligations.Register();
        }

        return new SimContext(scenario, mutant, profile, pinnedSwarm);
    }
}
