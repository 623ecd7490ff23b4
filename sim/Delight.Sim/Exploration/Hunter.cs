using System.Text.Json.Nodes;
using Delight.Runtime.Mutants;
using Delight.Sim.Invariants;
using Delight.Sim.Reports;
using Microsoft.Coyote;

namespace Delight.Sim.Exploration;

/// <summary>
/// Runs a hunt as one Coyote engine run per iteration, seeded by <see cref="IterationSeed"/> from the hunt seed and
/// the iteration number. Unlike <see cref="Explorer.Explore"/> (one engine, whose generator runs on across
/// iterations), any subset of the iterations can then be run on its own and behaves exactly as inside the whole run:
/// that is what makes <c>--shard I/N</c> slices add up to the unsharded run.
/// </summary>
public static class Hunter
{
    /// <summary>Coyote's portfolio rotates strategies by iteration inside one engine; with one engine per iteration
    /// the hunt rotates them itself, by iteration number.</summary>
    private static readonly Strategy[] PortfolioRotation = [Strategy.Random, Strategy.Probabilistic, Strategy.Pct];

    public static HuntOutcome Hunt(HuntTarget target, HuntOptions options)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        if (target.Scenarios.Count == 0)
        {
            throw new ArgumentException($"hunt '{target.Name}' has no scenario", nameof(target));
        }

        Explorer.OptOutOfTelemetry();
        var ran = new List<int>();
        var bugs = new List<HuntBug>();
        var baselineFailures = new List<HuntBug>();
        foreach (var iteration in options.Shard.IterationsOf(options.Iterations))
        {
            ran.Add(iteration);
            options.OnIteration?.Invoke(ran.Count);
            var scenario = target.ScenarioOf(iteration);
            var configuration = ConfigurationFor(options, iteration);
            var run = Explorer.RunEngine(scenario, target.Mutant, configuration, keepAll: false, onIteration: null, quiet: true);
            HuntBug? bug = null;
            if (run.Bug is not null && options.BaselineCheck && target.Mutant != Mutant.None
                && Explorer.RunEngine(scenario, Mutant.None, configuration, keepAll: false, onIteration: null, quiet: true).Bug is { } baseline)
            {
                var invariant = BugClassifier.Classify(baseline.Message);
                baselineFailures.Add(new HuntBug(iteration, scenario.Name, invariant, baseline.Message, null, null));
            }
            else if (run.Bug is { } bugFound)
            {
                bug = WriteBug(scenario, target.Mutant, options, iteration, run.Recorder.Current, bugFound);
            }
            else if (options.CheckDeterminism)
            {
                bug = CheckDeterminism(scenario, target.Mutant, configuration, iteration, run.Recorder);
            }

            if (bug is not null)
            {
                bugs.Add(bug);
                if (options.MaxBugs > 0 && bugs.Count >= options.MaxBugs)
                {
                    break;
                }
            }
        }

        return new HuntOutcome(target, options.Shard, options.Iterations, ran, bugs) { BaselineFailures = baselineFailures };
    }

    /// <summary>The engine configuration of iteration number <paramref name="iteration"/> (1-based).</summary>
    public static Configuration ConfigurationFor(HuntOptions options, int iteration)
    {
        ArgumentNullException.ThrowIfNull(options);
        var strategy = options.Strategy == Strategy.Portfolio
            ? PortfolioRotation[(iteration - 1) % PortfolioRotation.Length]
            : options.Strategy;
        return strategy.Apply(Explorer.BaseConfiguration(options.MaxFairSteps))
            .WithTestingIterations(1)
            .WithRandomGeneratorSeed(IterationSeed.For(options.Seed, iteration));
    }

    private static HuntBug? CheckDeterminism(IScenario scenario, Mutant mutant, Configuration configuration, int iteration, IterationRecorder first)
    {
        var second = Explorer.RunEngine(scenario, mutant, configuration, keepAll: false, onIteration: null, quiet: true);
        var firstLog = first.Current?.Log.Snapshot() ?? [];
        var secondLog = second.Recorder.Current?.Log.Snapshot() ?? [];
        if (string.Equals(first.Current?.Log.ComputeHash(), second.Recorder.Current?.Log.ComputeHash(), StringComparison.Ordinal)
            && second.Bug is null)
        {
            return null;
        }

        var message = $"[invariant:{InvariantNames.HarnessDeterminism}] iteration {iteration} produced a different event log " +
            "on its second run: something in the world is not under Coyote's control (a harness bug). " +
            DeterminismCheck.Describe(firstLog, secondLog);
        return new HuntBug(iteration, scenario.Name, InvariantNames.HarnessDeterminism, message, null, null);
    }

    private static HuntBug WriteBug(IScenario scenario, Mutant mutant, HuntOptions options, int iteration, SimContext? context, Explorer.FoundBug found)
    {
        Directory.CreateDirectory(options.OutDirectory);
        var invariant = BugClassifier.Classify(found.Message);
        var mutantPart = mutant == Mutant.None ? string.Empty : $"-{mutant}";
        var stem = Explorer.FileSafe($"{scenario.Name}{mutantPart}-seed{options.Seed}-it{iteration}");
        var bugPath = Path.Combine(options.OutDirectory, stem + ".bug.json");
        var bug = new BugFile(
            BugFile.CurrentFormat,
            scenario.Name,
            mutant == Mutant.None ? null : mutant.ToString(),
            options.Seed,
            iteration,
            options.Strategy.ToName(),
            context?.Swarm,
            ToolVersions.Current,
            invariant,
            found.Message,
            context?.Log.ComputeHash() ?? string.Empty,
            JsonNode.Parse(found.Trace) ?? new JsonObject())
        {
            IterationSeed = IterationSeed.For(options.Seed, iteration),
            Shard = options.Shard == Shard.Full ? null : options.Shard.ToString(),
        };
        bug.Save(bugPath);
        var reportPath = Path.Combine(options.OutDirectory, stem + ".md");
        BugReportWriter.Write(reportPath, bug, context?.Log.Snapshot() ?? []);
        return new HuntBug(iteration, scenario.Name, invariant, found.Message, bugPath, reportPath);
    }
}
