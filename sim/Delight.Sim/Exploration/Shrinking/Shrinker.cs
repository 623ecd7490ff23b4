using Delight.Runtime.Mutants;
using Delight.Sim.Swarm;

namespace Delight.Sim.Exploration.Shrinking;

/// <summary>
/// Shrinks a failing run (TigerBeetle VOPR style): pins the bug's swarm configuration, then greedily switches faults
/// off and lowers sizes one knob at a time, keeping a change while the scenario, with the same mutant armed and the
/// candidate pinned, still fails with the same invariant within the attempted iterations of the bug's hunt seed
/// (a mutant's failure counts only when the same iteration passes without it, as in a hunt). Of the final
/// configuration's failing runs it keeps the one with the shortest trace and writes it as a bug file whose header
/// pins that configuration. Every run is a Coyote engine seeded from (seed, iteration), so shrinking is deterministic.
/// </summary>
public static class Shrinker
{
    /// <summary>Shrinks <paramref name="bug"/>. Throws <see cref="BugFileException"/> when the file names an unknown
    /// scenario, mutant or strategy, or records no swarm configuration.</summary>
    public static ShrinkOutcome Shrink(BugFile bug, string bugPath, Func<string, IScenario?> findScenario, ShrinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(bug);
        ArgumentNullException.ThrowIfNull(findScenario);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Attempts <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Attempts, "attempts must be positive");
        }

        var search = Search.For(bug, findScenario, options);
        var original = bug.Swarm!;
        var stepsBefore = TraceLength.Of(bug.Trace);
        options.OnProgress?.Invoke($"reproducing {bug.FailingInvariant} with the recorded configuration pinned (up to {options.Attempts} iteration(s) of seed {bug.Seed})");
        if (search.FirstFailure(original) is not { } reproduced)
        {
            return new ShrinkOutcome(bug.Scenario, bug.FailingInvariant, false, original, null, [], stepsBefore, null, search.Runs, null, null);
        }

        options.OnProgress?.Invoke($"  reproduced at iteration {reproduced.Iteration} ({reproduced.Steps} trace steps)");
        var current = original;
        var lastFailure = reproduced;
        var tried = new List<ShrinkChange>();
        foreach (var knob in SwarmKnobs.All)
        {
            foreach (var value in knob.Candidates(current))
            {
                var from = knob.Read(current);
                var candidate = knob.Write(current, value);
                var failure = search.FirstFailure(candidate);
                tried.Add(new ShrinkChange(knob.Name, knob.Kind, from, value, failure is not null, failure?.Iteration));
                options.OnProgress?.Invoke(failure is null
                    ? $"  {knob.Name} {from} -> {value}: no failure in {options.Attempts} iteration(s), kept {from}"
                    : $"  {knob.Name} {from} -> {value}: still fails (iteration {failure.Iteration}), shrunk");
                if (failure is not null)
                {
                    current = candidate;
                    lastFailure = failure;
                    break;
                }
            }
        }

        // Dropping events: of every failing run of the final configuration, the one with the shortest trace.
        options.OnProgress?.Invoke($"choosing the shortest failing run of the shrunk configuration among {options.Attempts} iteration(s)");
        // The greedy pass kept only configurations with a failing run (lastFailure is one), so the search finds one.
        var kept = search.ShortestFailure(current) ?? lastFailure;
        var outcome = new ShrinkOutcome(bug.Scenario, bug.FailingInvariant, true, original, current, tried, stepsBefore, kept, search.Runs, null, null)
        {
            LogEntriesBefore = reproduced.Log.Count,
        };
        var (bugFilePath, reportPath) = ShrunkBugWriter.Write(bug, bugPath, kept, search.Strategy, options.OutPath, outcome);
        return outcome with { BugFilePath = bugFilePath, ReportPath = reportPath };
    }

    /// <summary>Runs a candidate configuration over the attempted iterations of the bug's hunt.</summary>
    private sealed class Search
    {
        private readonly IScenario _scenario;
        private readonly Mutant _mutant;
        private readonly string _invariant;
        private readonly HuntOptions _hunt;
        private readonly IReadOnlyList<int> _iterations;
        private int _lastFailing;

        private Search(IScenario scenario, Mutant mutant, string invariant, HuntOptions hunt, IReadOnlyList<int> iterations)
        {
            _scenario = scenario;
            _mutant = mutant;
            _invariant = invariant;
            _hunt = hunt;
            _iterations = iterations;
            _lastFailing = iterations[0];
        }

        /// <summary>Engine runs so far (the cost of the shrink).</summary>
        public int Runs { get; private set; }

        public Strategy Strategy => _hunt.Strategy;

        public static Search For(BugFile bug, Func<string, IScenario?> findScenario, ShrinkOptions options)
        {
            var scenario = findScenario(bug.Scenario) ?? throw new BugFileException($"unknown scenario '{bug.Scenario}'");
            var mutant = Mutant.None;
            if (bug.Mutant is not null && (!Enum.TryParse(bug.Mutant, ignoreCase: true, out mutant) || !Enum.IsDefined(mutant)))
            {
                throw new BugFileException($"unknown mutant '{bug.Mutant}'");
            }

            if (!StrategyExtensions.TryParse(bug.Strategy, out var strategy))
            {
                throw new BugFileException($"unknown strategy '{bug.Strategy}'");
            }

            if (bug.Swarm is null)
            {
                throw new BugFileException($"the bug file records no swarm configuration: nothing to shrink ({bug.Scenario} draws none)");
            }

            if (string.IsNullOrWhiteSpace(bug.FailingInvariant))
            {
                throw new BugFileException("the bug file names no failing invariant");
            }

            // The bug's own iteration first (with its configuration pinned it is the very run that failed), then the hunt's
            // iterations in order.
            var first = Math.Max(1, bug.Iteration);
            IReadOnlyList<int> iterations = [first, .. Enumerable.Range(1, options.Attempts).Where(i => i != first).Take(options.Attempts - 1)];
            var hunt = new HuntOptions(Math.Max(options.Attempts, first), bug.Seed, strategy, string.Empty, Shard.Full, MaxFairSteps: options.MaxFairSteps);
            return new Search(scenario, mutant, bug.FailingInvariant, hunt, iterations);
        }

        /// <summary>The first attempted iteration that fails with the bug's invariant (and is the mutant's), trying
        /// first the iteration that failed last: a small change to the configuration often leaves that run failing.</summary>
        public ShrinkRun? FirstFailure(SwarmConfig config)
        {
            foreach (var iteration in _iterations.Where(i => i == _lastFailing).Concat(_iterations.Where(i => i != _lastFailing)))
            {
                if (RunArmed(config, iteration) is { } failure && IsTheMutants(config, iteration))
                {
                    _lastFailing = iteration;
                    return failure;
                }
            }

            return null;
        }

        /// <summary>Of every attempted iteration failing with the bug's invariant, the shortest trace (fewest log
        /// entries, then lowest iteration on a tie) that is the mutant's. Only the candidates get the baseline run.</summary>
        public ShrinkRun? ShortestFailure(SwarmConfig config) =>
            _iterations.Select(i => RunArmed(config, i))
                .OfType<ShrinkRun>()
                .ToList()
                .OrderBy(r => r.Steps)
                .ThenBy(r => r.Log.Count)
                .ThenBy(r => r.Iteration)
                .FirstOrDefault(r => IsTheMutants(config, r.Iteration));

        /// <summary>As in a mutant hunt: a failure the scenario has without the mutant is not the mutant's bug.</summary>
        private bool IsTheMutants(SwarmConfig config, int iteration)
        {
            if (_mutant == Mutant.None)
            {
                return true;
            }

            Runs++;
            return Explorer.RunEngine(_scenario, Mutant.None, Hunter.ConfigurationFor(_hunt, iteration), keepAll: false, onIteration: null, quiet: true, pinnedSwarm: config).Bug is null;
        }

        private ShrinkRun? RunArmed(SwarmConfig config, int iteration)
        {
            Runs++;
            var run = Explorer.RunEngine(_scenario, _mutant, Hunter.ConfigurationFor(_hunt, iteration), keepAll: false, onIteration: null, quiet: true, pinnedSwarm: config);
            if (run.Bug is not { } bug || !string.Equals(BugClassifier.Classify(bug.Message), _invariant, StringComparison.Ordinal))
            {
                return null;
            }

            var log = run.Recorder.Current?.Log.Snapshot() ?? [];
            return new ShrinkRun(iteration, bug.Message, bug.Trace, TraceLength.Of(bug.Trace), log, run.Recorder.Current?.Log.ComputeHash() ?? string.Empty);
        }
    }
}
