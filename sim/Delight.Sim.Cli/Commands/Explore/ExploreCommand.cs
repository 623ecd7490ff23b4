using System.CommandLine;
using Delight.Scenarios;
using Delight.Sim.Exploration;

namespace Delight.Sim.Cli.Commands.Explore;

/// <summary>
/// `delight-sim explore`: runs scenarios under Coyote and writes a bug file (and a report) for every bug found.
/// Exit 0 when no bug was found, 1 when one was, 2 on bad arguments (or when the code under test is not rewritten).
/// </summary>
internal static class ExploreCommand
{
    public const uint DefaultSeed = 1;

    public static Command Create()
    {
        var scenario = new Option<string>("--scenario") { Description = "A scenario name (see --list), a prefix such as s1, or 'all'.", DefaultValueFactory = _ => "all" };
        var iterations = new Option<int?>("--iterations") { Description = "Iterations per scenario (default: each scenario's CI budget)." };
        var seed = new Option<long>("--seed") { Description = "Seed of the exploration (same seed, same run).", DefaultValueFactory = _ => DefaultSeed };
        var strategy = new Option<string>("--strategy") { Description = "random | probabilistic | pct | portfolio | ql.", DefaultValueFactory = _ => "random" };
        var output = new Option<string?>("--out") { Description = "Folder for bug files and reports (default: a new folder, printed)." };
        var determinism = new Option<bool>("--check-determinism") { Description = "Run every iteration twice and compare event-log hashes." };
        var list = new Option<bool>("--list") { Description = "List the scenarios and exit." };
        var mutant = new Option<string?>("--mutant") { Description = "Arm one seeded mutant (a name of Delight.Runtime.Mutants.Mutant) for the run." };
        var command = new Command("explore", "Hunt for concurrency bugs in the simulated world under Coyote.")
        {
            scenario, iterations, seed, strategy, output, determinism, list, mutant,
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
            },
            Console.Out,
            Console.Error));
        return command;
    }

    public static int Run(ExploreArguments arguments, TextWriter output, TextWriter error)
    {
        if (arguments.List)
        {
            foreach (var s in ScenarioCatalog.All)
            {
                output.WriteLine($"{s.Name,-40} {s.Description}");
                output.WriteLine($"{string.Empty,-40} checks: {string.Join(", ", s.Invariants)}; default iterations {s.DefaultIterations}");
            }

            return ExitCodes.Clean;
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

        var armed = Runtime.Mutants.Mutant.None;
        if (arguments.Mutant is not null
            && (!Enum.TryParse(arguments.Mutant, ignoreCase: true, out armed) || !Enum.IsDefined(armed)))
        {
            return Bad(error, $"unknown mutant '{arguments.Mutant}'; one of: {string.Join(", ", Enum.GetNames<Runtime.Mutants.Mutant>().Skip(1))}");
        }

        IReadOnlyList<Delight.Scenarios.Scenarios.Scenario> scenarios;
        if (string.Equals(arguments.Scenario, "all", StringComparison.OrdinalIgnoreCase))
        {
            scenarios = ScenarioCatalog.All;
        }
        else if (ScenarioCatalog.Find(arguments.Scenario) is Delight.Scenarios.Scenarios.Scenario one)
        {
            scenarios = [one];
        }
        else
        {
            return Bad(error, $"unknown scenario '{arguments.Scenario}'; run `delight-sim explore --list`");
        }

        var outDirectory = arguments.Out ?? Directory.CreateTempSubdirectory("delight-sim-explore-").FullName;
        Directory.CreateDirectory(outDirectory);
        output.WriteLine($"output: {outDirectory}");
        var bugs = 0;
        try
        {
            foreach (var s in scenarios)
            {
                var total = (uint)(arguments.Iterations ?? (int)s.DefaultIterations);
                var progress = new ProgressLine(output, s.Name, (int)total);
                var options = new ExploreOptions(total, (uint)arguments.Seed, strategy, outDirectory, arguments.CheckDeterminism, armed)
                {
                    OnIteration = progress.Report,
                };
                var outcome = Explorer.Explore(s, options);
                progress.Done(outcome);
                if (outcome.BugFound)
                {
                    bugs++;
                    output.WriteLine($"  BUG {outcome.FailingInvariant} at iteration {outcome.BugIteration}");
                    if (outcome.BugFilePath is not null)
                    {
                        output.WriteLine($"  bug file: {outcome.BugFilePath}");
                        output.WriteLine($"  report:   {outcome.ReportPath}");
                        output.WriteLine($"  replay:   delight-sim replay-bug {outcome.BugFilePath}");
                    }
                }
            }
        }
        catch (CodeNotRewrittenException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadArguments;
        }

        output.WriteLine(bugs == 0 ? $"no bug found in {scenarios.Count} scenario(s)" : $"{bugs} scenario(s) found a bug");
        return bugs == 0 ? ExitCodes.Clean : ExitCodes.BugFound;
    }

    private static int Bad(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        return ExitCodes.BadArguments;
    }
}

/// <summary>Parsed arguments of `explore` (kept separate so tests can call <see cref="ExploreCommand.Run"/>).</summary>
internal sealed record ExploreArguments(
    string Scenario,
    int? Iterations,
    long Seed,
    string Strategy,
    string? Out,
    bool CheckDeterminism,
    bool List)
{
    /// <summary>A seeded mutant to arm for the run (null: none).</summary>
    public string? Mutant { get; init; }
}
