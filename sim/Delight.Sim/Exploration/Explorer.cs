using Delight.Runtime.Mutants;
using Delight.Sim.Reports;
using Microsoft.Coyote;
using Microsoft.Coyote.Logging;
using Microsoft.Coyote.SystematicTesting;

namespace Delight.Sim.Exploration;

/// <summary>
/// Runs a scenario under Coyote's <see cref="TestingEngine"/> and turns the first bug into a bug file (plus a report
/// beside it). Also replays bug files and checks the harness's own determinism.
/// </summary>
public static class Explorer
{
    /// <summary>Coyote sends telemetry unless told not to; set before any engine is created.</summary>
    public static void OptOutOfTelemetry() => Environment.SetEnvironmentVariable("COYOTE_CLI_TELEMETRY_OPTOUT", "1");

    public static Configuration BaseConfiguration(uint maxFairSteps) =>
        Configuration.Create()
            .WithTelemetryEnabled(false)
            .WithMaxSchedulingSteps(maxFairSteps / 10, maxFairSteps)
            // Every queue in the world is controlled, so a hang is real; the watchdog only needs headroom on a busy CI box.
            .WithPotentialDeadlocksReportedAsBugs(true)
            .WithDeadlockTimeout(10_000)
            .WithLivenessTemperatureThreshold(maxFairSteps / 2)
            // Anything Coyote does not control (ContinueWith, WhenAll/WhenAny, CancelAsync, BCL WaitAsync...) is a bug of
            // the harness: it makes runs diverge and bug traces stop replaying. Fail fast, naming the call.
            .WithPartiallyControlledConcurrencyAllowed(false)
            .WithConsoleLoggingEnabled(false);

    /// <summary>Explores one scenario. Writes a bug file (and its report) into the options' folder when a bug is found.</summary>
    public static ExploreOutcome Explore(IScenario scenario, ExploreOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        OptOutOfTelemetry();
        var configuration = options.Strategy.Apply(BaseConfiguration(options.MaxFairSteps))
            .WithTestingIterations(Math.Max(1, options.Iterations))
            .WithRandomGeneratorSeed(options.Seed);

        var run = RunEngine(scenario, options.Mutant, configuration, keepAll: options.CheckDeterminism, options.OnIteration, onContext: options.OnContext);
        if (run.Bug is { } bug)
        {
            return WriteBug(scenario, options, run.Recorder, bug.Message, bug.Trace);
        }

        if (options.CheckDeterminism)
        {
            var second = RunEngine(scenario, options.Mutant, configuration, keepAll: true, onIteration: null);
            var divergence = DeterminismCheck.FirstDifference(run.Recorder.Hashes(), second.Recorder.Hashes());
            if (divergence is { } index)
            {
                var message = $"[invariant:{Invariants.InvariantNames.HarnessDeterminism}] iteration {index + 1} produced a " +
                    "different event log on its second run: something in the world is not under Coyote's control (a harness bug). " +
                    DeterminismCheck.Describe(run.Recorder.LogOf(index), second.Recorder.LogOf(index));
                return new ExploreOutcome(scenario.Name, run.Recorder.Iterations, true,
                    Invariants.InvariantNames.HarnessDeterminism, message, null, null, index + 1);
            }
        }

        return ExploreOutcome.Clean(scenario.Name, run.Recorder.Iterations);
    }

    /// <summary>Replays a bug file exactly (same trace, same mutant). Returns whether the bug reproduced and how.</summary>
    /// <param name="onContext">Called with the replayed iteration's context before the scenario runs (e.g. to plug a
    /// capture recorder into the world's session: <c>replay-bug --export-capture</c>).</param>
    public static ReplayOutcome Replay(BugFile bug, Func<string, IScenario?> findScenario, Action<SimContext>? onContext = null)
    {
        ArgumentNullException.ThrowIfNull(bug);
        ArgumentNullException.ThrowIfNull(findScenario);
        OptOutOfTelemetry();
        var scenario = findScenario(bug.Scenario) ?? throw new BugFileException($"unknown scenario '{bug.Scenario}'");
        var mutant = Mutant.None;
        if (bug.Mutant is not null && !Enum.TryParse(bug.Mutant, ignoreCase: true, out mutant))
        {
            throw new BugFileException($"unknown mutant '{bug.Mutant}'");
        }

        var configuration = BaseConfiguration(40_000).WithReproducibleTrace(bug.TraceText());
        // A shrunk bug file ran with its header's configuration pinned; replay pins it again.
        var pinned = bug.SwarmPinned == true ? bug.Swarm : null;
        var run = RunEngine(scenario, mutant, configuration, keepAll: false, onIteration: null, onContext: onContext, pinnedSwarm: pinned);
        return run.Bug is { } found
            ? new ReplayOutcome(true, BugClassifier.Classify(found.Message), found.Message, run.Recorder.Current?.Log.Snapshot() ?? [])
            : new ReplayOutcome(false, null, null, run.Recorder.Current?.Log.Snapshot() ?? []);
    }

    /// <param name="quiet">Drop Coyote's own console banner (a hunt runs one engine per iteration).</param>
    /// <param name="onContext">Called with each iteration's context before the scenario runs.</param>
    /// <param name="pinnedSwarm">The swarm configuration every iteration uses instead of the drawn one (null: drawn).</param>
    internal static EngineRun RunEngine(IScenario scenario, Mutant mutant, Configuration configuration, bool keepAll, Action<int>? onIteration, bool quiet = false, Action<SimContext>? onContext = null, Swarm.SwarmConfig? pinnedSwarm = null)
    {
        var recorder = new IterationRecorder(keepAll, onIteration);
        using var armed = mutant == Mutant.None ? null : MutantSwitches.Arm(mutant);
        using var engine = TestingEngine.Create(configuration, async () =>
        {
            var context = SimContext.Create(scenario.Name, mutant, scenario.Profile, pinnedSwarm: pinnedSwarm);
            recorder.Begin(context);
            onContext?.Invoke(context);
            await scenario.RunAsync(context).ConfigureAwait(false);
            context.Log.Add("sim", "iteration-end");
        });
        if (quiet)
        {
            engine.SetLogger(new TextWriterLogger(TextWriter.Null, VerbosityLevel.None));
        }

        if (!engine.IsTestRewritten())
        {
            throw new CodeNotRewrittenException();
        }

        engine.Run();
        var report = engine.TestReport;
        if (report.NumOfFoundBugs == 0)
        {
            return new EngineRun(recorder, null);
        }

        var message = string.Join(Environment.NewLine, report.BugReports);
        return new EngineRun(recorder, new FoundBug(message, engine.ReproducibleTrace));
    }

    private static ExploreOutcome WriteBug(IScenario scenario, ExploreOptions options, IterationRecorder recorder, string message, string trace)
    {
        Directory.CreateDirectory(options.OutDirectory);
        var context = recorder.Current;
        var invariant = BugClassifier.Classify(message);
        var mutantPart = options.Mutant == Mutant.None ? string.Empty : $"-{options.Mutant}";
        var stem = FileSafe($"{scenario.Name}{mutantPart}-seed{options.Seed}-it{recorder.Iterations}");
        Directory.CreateDirectory(options.OutDirectory);
        var bugPath = Path.Combine(options.OutDirectory, stem + ".bug.json");
        var bug = new BugFile(
            BugFile.CurrentFormat,
            scenario.Name,
            options.Mutant == Mutant.None ? null : options.Mutant.ToString(),
            options.Seed,
            recorder.Iterations,
            options.Strategy.ToName(),
            context?.Swarm,
            ToolVersions.Current,
            invariant,
            message,
            context?.Log.ComputeHash() ?? string.Empty,
            System.Text.Json.Nodes.JsonNode.Parse(trace) ?? new System.Text.Json.Nodes.JsonObject());
        bug.Save(bugPath);
        var reportPath = Path.Combine(options.OutDirectory, stem + ".md");
        BugReportWriter.Write(reportPath, bug, context?.Log.Snapshot() ?? []);
        return new ExploreOutcome(scenario.Name, recorder.Iterations, true, invariant, message, bugPath, reportPath, recorder.Iterations);
    }

    /// <summary>Scenario names may hold a path (capture:captures/x.jsonl); file names may not.</summary>
    internal static string FileSafe(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-')]);

    internal sealed record FoundBug(string Message, string Trace);

    internal sealed record EngineRun(IterationRecorder Recorder, FoundBug? Bug);
}
