using System.CommandLine;
using Delight.Runtime.Mutants;
using Delight.Sim.Exploration;

namespace Delight.Sim.Cli.Commands.Explore;

/// <summary>
/// `delight-sim explore`: runs scenarios under Coyote and writes a bug file (and a report) for every bug found, plus
/// a <c>summary.json</c> for `delight-sim merge`. Every iteration is its own engine run seeded from (seed, iteration)
/// (<see cref="Hunter"/>), so `--shard I/N` runs a deterministic slice and the N slices add up to the whole run.
/// Scenario mode: exit 0 when no bug was found, 1 when one was. Mutant mode (`--mutant NAME|all`): each mutant on
/// its own scenario(s), exit 0 when every mutant was found, 1 when any was not. Exit 2 on bad arguments (or when the
/// code under test is not rewritten).
/// </summary>
internal static class ExploreCommand
{
    public const uint DefaultSeed = 1;

    public static Command Create()
    {
        var scenario = new Option<string>("--scenario") { Description = "A scenario name (see --list), a prefix such as s1, or 'all'. With --mutant: overrides the mutant's own scenarios.", DefaultValueFactory = _ => "all" };
        var iterations = new Option<int?>("--iterations") { Description = "Iterations per scenario, or per mutant with --mutant (default: each scenario's CI budget; 300 per mutant)." };
        var seed = new Option<long>("--seed") { Description = "Seed of the exploration (same seed, same run).", DefaultValueFactory = _ => DefaultSeed };
        var strategy = new Option<string>("--strategy") { Description = "random | probabilistic | pct | portfolio | ql.", DefaultValueFactory = _ => "random" };
        var output = new Option<string?>("--out") { Description = "Folder for bug files, reports and summary.json (default: a new folder, printed)." };
        var determinism = new Option<bool>("--check-determinism") { Description = "Run every iteration twice and compare event-log hashes." };
        var list = new Option<bool>("--list") { Description = "List the scenarios (with --mutant: the mutants and their scenarios) and exit." };
        var mutant = new Option<string?>("--mutant") { Description = "Hunt a seeded mutant (a name of Delight.Runtime.Mutants.Mutant) or 'all' on its own scenario(s); success is finding it." };
        var shard = new Option<string?>("--shard") { Description = "I/N: run only iterations n with (n-1) mod N = I-1; the N shards of a seed add up to the whole run." };
        var maxBugs = new Option<int>("--max-bugs") { Description = "Stop a scenario (or mutant) after this many bugs; 0 runs every iteration.", DefaultValueFactory = _ => 1 };
        var shrink = new Option<bool>("--shrink") { Description = "Shrink each hunt's first bug (as `delight-sim shrink` with its defaults) and write NAME.shrunk.bug.json beside it." };
        var command = new Command("explore", "Hunt for concurrency bugs in the simulated world under Coyote.")
        {
            scenario, iterations, seed, strategy, output, determinism, list, mutant, shard, maxBugs, shrink,
        };
        command.SetAction(parse => Run(
            new ExploreArguments(
                parse.GetValue(scenario) ?? "all",
                parse.GetValue(iterations),
                parse.GetValue(seed),
                parse.GetValue(strategy) ?? "random",
                parse.GetValue(output),
                parse.GetValue(determinism),
                parse.GetValue(list))
            {
                Mutant = parse.GetValue(mutant),
                Shard = parse.GetValue(shard),
                MaxBugs = parse.GetValue(maxBugs),
                Shrink = parse.GetValue(shrink),
            },
            Console.Out,
            Console.Error));
        return command;
    }

    public static int Run(ExploreArguments arguments, TextWriter output, TextWriter error) =>
        Run(arguments, output, error, HuntCatalog.Default);

    public static int Run(ExploreArguments arguments, TextWriter output, TextWriter error, HuntCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(catalog);
        if (arguments.List)
        {
            return List(arguments, output, catalog);
        }

        if (!StrategyExtensions.TryParse(arguments.Strategy, out var strategy))
        {
            return Bad(error, $"unknown strategy '{arguments.Strategy}'; use random, probabilistic, pct, portfolio or ql");
        }

        if (arguments.Iterations is <= 0)
        {
            return Bad(error, "--iterations must be a positive number");
        }

        if (arguments.Seed is < 0 or > uint.MaxValue)
        {
            return Bad(error, $"--seed must be between 0 and {uint.MaxValue}");
        }

        if (arguments.MaxBugs < 0)
        {
            return Bad(error, "--max-bugs must be 0 (no limit) or a positive number");
        }

        var shard = Shard.Full;
        if (arguments.Shard is not null && !Shard.TryParse(arguments.Shard, out shard, out var shardError))
        {
            return Bad(error, shardError);
        }

        IScenario? only = null;
        var allScenarios = string.Equals(arguments.Scenario, "all", StringComparison.OrdinalIgnoreCase);
        if (!allScenarios && (only = catalog.Find(arguments.Scenario)) is null)
        {
            return Bad(error, $"unknown scenario '{arguments.Scenario}'; run `delight-sim explore --list`");
        }

        var targets = new List<(HuntTarget Target, int Iterations)>();
        var mutantMode = arguments.Mutant is not null;
        if (mutantMode)
        {
            var entries = new List<Scenarios.MutantCatalog.Entry>();
            if (string.Equals(arguments.Mutant, "all", StringComparison.OrdinalIgnoreCase))
            {
                entries.AddRange(catalog.Mutants);
            }
            else if (Enum.TryParse<Mutant>(arguments.Mutant, ignoreCase: true, out var armed) && Enum.IsDefined(armed) && armed != Mutant.None
                && catalog.FindMutant(armed) is { } entry)
            {
                entries.Add(entry);
            }
            else
            {
                return Bad(error, $"unknown mutant '{arguments.Mutant}'; one of: all, {string.Join(", ", catalog.Mutants.Select(m => m.Mutant))}");
            }

            foreach (var entry in entries)
            {
                var scenarios = new List<IScenario>();
                foreach (var name in only is null ? entry.Scenarios : [only.Name])
                {
                    if (catalog.Find(name) is not { } found)
                    {
                        return Bad(error, $"mutant {entry.Mutant} names unknown scenario '{name}'");
                    }

                    scenarios.Add(found);
                }

                targets.Add((new HuntTarget(entry.Mutant.ToString(), scenarios, entry.Mutant), arguments.Iterations ?? HuntCatalog.DefaultMutantIterations));
            }
        }
        else
        {
            foreach (var s in only is null ? catalog.Scenarios : [only])
            {
                targets.Add((HuntTarget.Of(s), arguments.Iterations ?? HuntCatalog.DefaultIterations(s)));
            }
        }

        var outDirectory = arguments.Out ?? Directory.CreateTempSubdirectory("delight-sim-explore-").FullName;
        Directory.CreateDirectory(outDirectory);
        output.WriteLine($"output: {outDirectory}");
        if (shard != Shard.Full)
        {
            output.WriteLine($"shard {shard}: iterations n with (n-1) mod {shard.Count} = {shard.Index - 1}");
        }

        // A mutant is credited only with bugs its iteration does not have without it.
        var common = new HuntOptions(0, (uint)arguments.Seed, strategy, outDirectory, shard, arguments.MaxBugs, arguments.CheckDeterminism)
        {
            BaselineCheck = mutantMode,
        };
        var outcomes = new List<HuntOutcome>();
        try
        {
            foreach (var (target, total) in targets)
            {
                var progress = new ProgressLine(output, target.Name, shard.CountOf(total));
                var outcome = Hunter.Hunt(target, common with { Iterations = total, OnIteration = progress.Report });
                outcomes.Add(outcome);
                if (mutantMode)
                {
                    progress.Done(outcome.Iterations.Count, outcome.FirstBug is { } b ? $"found at iteration {b.Iteration} by {b.Scenario}" : MutantTable.NotFound);
                }
                else
                {
                    progress.Done(outcome.Iterations.Count, outcome.BugFound ? "BUG" : "no bug");
                    PrintBugs(output, outcome);
                }
            }

            if (arguments.Shrink)
            {
                Shrink.ExploreShrinking.ShrinkFirstBugs(outcomes, catalog.Find, output);
            }
        }
        catch (CodeNotRewrittenException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadArguments;
        }

        var summary = HuntSummary.From(mutantMode ? HuntSummary.MutantMode : HuntSummary.ScenarioMode, common, outcomes);
        summary.Save(outDirectory);
        if (mutantMode)
        {
            MutantTable.Write(output, outcomes, common);
            output.WriteLine($"summary: {Path.Combine(outDirectory, HuntSummary.FileName)}");
            return outcomes.All(o => o.BugFound) ? ExitCodes.Clean : ExitCodes.BugFound;
        }

        var bugs = outcomes.Count(o => o.BugFound);
        output.WriteLine(bugs == 0 ? $"no bug found in {outcomes.Count} scenario(s)" : $"{bugs} scenario(s) found a bug");
        output.WriteLine($"summary: {Path.Combine(outDirectory, HuntSummary.FileName)}");
        return bugs == 0 ? ExitCodes.Clean : ExitCodes.BugFound;
    }

    private static void PrintBugs(TextWriter output, HuntOutcome outcome)
    {
        foreach (var bug in outcome.Bugs)
        {
            output.WriteLine($"  BUG {bug.FailingInvariant} at iteration {bug.Iteration}");
            if (bug.BugFilePath is not null)
            {
                output.WriteLine($"  bug file: {bug.BugFilePath}");
                output.WriteLine($"  report:   {bug.ReportPath}");
                output.WriteLine($"  replay:   delight-sim replay-bug {bug.BugFilePath}");
            }
        }
    }

    private static int List(ExploreArguments arguments, TextWriter output, HuntCatalog catalog)
    {
        if (arguments.Mutant is not null)
        {
            foreach (var entry in catalog.Mutants)
            {
                output.WriteLine($"{entry.Mutant,-40} {string.Join(", ", entry.Scenarios)}");
                output.WriteLine($"{string.Empty,-40} {entry.Why}");
            }

            return ExitCodes.Clean;
        }

        foreach (var s in catalog.Scenarios)
        {
            output.WriteLine($"{s.Name,-40} {s.Description}");
            output.WriteLine($"{string.Empty,-40} checks: {string.Join(", ", s.Invariants)}; default iterations {HuntCatalog.DefaultIterations(s)}");
        }

        return ExitCodes.Clean;
    }

    private static int Bad(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        return ExitCodes.BadArguments;
    }
}

/// <summary>Parsed arguments of `explore` (kept separate so tests can call <see cref="ExploreCommand.Run(ExploreArguments, TextWriter, TextWriter)"/>).</summary>
internal sealed record ExploreArguments(
    string Scenario,
    int? Iterations,
    long Seed,
    string Strategy,
    string? Out,
    bool CheckDeterminism,
    bool List)
{
    /// <summary>A seeded mutant to hunt, or "all" (null: scenario mode).</summary>
    public string? Mutant { get; init; }

    /// <summary>"I/N" (null: the whole run).</summary>
    public string? Shard { get; init; }

    /// <summary>Bugs after which a hunt stops; 0: no limit.</summary>
    public int MaxBugs { get; init; } = 1;

    /// <summary>Shrink each hunt's first bug (<c>--shrink</c>).</summary>
    public bool Shrink { get; init; }
}
