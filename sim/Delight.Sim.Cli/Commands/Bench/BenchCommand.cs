using System.CommandLine;

namespace Delight.Sim.Cli.Commands.Bench;

/// <summary>`delight-sim bench compare|join`: the benchmark regression gate and the export joiner.</summary>
internal static class BenchCommand
{
    public const int ExitOk = 0;
    public const int ExitRegression = 1;
    public const int ExitUnreadable = 2;

    public static Command Create()
    {
        var command = new Command("bench", "Benchmark results: join BenchmarkDotNet exports, gate against a baseline.");
        command.Subcommands.Add(CreateCompare());
        command.Subcommands.Add(CreateJoin());
        return command;
    }

    private static Command CreateCompare()
    {
        var baseline = new Argument<string>("BASELINE") { Description = "The baseline: a joined results file (benchmarks/baseline.json), one full export, or a results directory." };
        var results = new Argument<string>("RESULTS") { Description = "The results to gate, in the same forms." };
        var threshold = new Option<double>("--threshold")
        {
            Description = "How much a benchmark's ratio to its in-run baseline may worsen, as a fraction (0.10 = 10 %).",
            DefaultValueFactory = _ => BenchComparer.DefaultThreshold,
        };
        var command = new Command("compare", "Print each benchmark's ratio to its in-run baseline then and now; exit 0 when nothing worsened beyond the threshold, 1 on a regression, 2 on unreadable input.");
        command.Arguments.Add(baseline);
        command.Arguments.Add(results);
        command.Options.Add(threshold);
        command.SetAction(parseResult => Compare(
            parseResult.GetValue(baseline)!, parseResult.GetValue(results)!, parseResult.GetValue(threshold), Console.Out, Console.Error));
        return command;
    }

    private static Command CreateJoin()
    {
        var directory = new Argument<string>("DIR") { Description = "BenchmarkDotNet's results directory (the *-report-full.json exports of one run)." };
        var output = new Argument<string>("OUT") { Description = "The joined file to write (e.g. benchmarks/baseline.json)." };
        var note = new Option<string?>("--note") { Description = "A note on the machine, kept in the file (e.g. 'shared, other builds running')." };
        var command = new Command("join", "Join the full JSON exports of all suites of one run into one file, with the machine it came from. Exit 2 on unreadable input.");
        command.Arguments.Add(directory);
        command.Arguments.Add(output);
        command.Options.Add(note);
        command.SetAction(parseResult => Join(
            parseResult.GetValue(directory)!, parseResult.GetValue(output)!, parseResult.GetValue(note), Console.Out, Console.Error));
        return command;
    }

    public static int Compare(string baselinePath, string resultsPath, double threshold, TextWriter output, TextWriter error)
    {
        if (double.IsNaN(threshold) || threshold < 0)
        {
            error.WriteLine($"bench compare: --threshold must be a non-negative fraction, got {threshold}");
            return ExitUnreadable;
        }

        try
        {
            var baseline = BenchResultsReader.Load(baselinePath);
            var results = BenchResultsReader.Load(resultsPath);
            var comparison = BenchComparer.Compare(baseline, results, threshold);
            if (comparison.Rows.All(r => r.Verdict is BenchVerdict.Missing or BenchVerdict.New))
            {
                error.WriteLine("bench compare: the two files have no benchmark in common");
                return ExitUnreadable;
            }

            BenchReport.Write(comparison, output);
            return comparison.HasRegression ? ExitRegression : ExitOk;
        }
        catch (BenchInputException e)
        {
            error.WriteLine($"bench compare: {e.Message}");
            return ExitUnreadable;
        }
    }

    public static int Join(string directory, string outputPath, string? note, TextWriter output, TextWriter error)
    {
        try
        {
            var count = BenchJoiner.Join(directory, outputPath, Environment.MachineName, note);
            output.WriteLine($"bench join: {count} exports joined into {outputPath}");
            return ExitOk;
        }
        catch (BenchInputException e)
        {
            error.WriteLine($"bench join: {e.Message}");
            return ExitUnreadable;
        }
        catch (IOException e)
        {
            error.WriteLine($"bench join: cannot write {outputPath}: {e.Message}");
            return ExitUnreadable;
        }
    }
}
