using System.CommandLine;
using System.Globalization;
using Delight.Sim.Cli.Commands.Explore;
using Delight.Sim.Exploration;

namespace Delight.Sim.Cli.Commands.Merge;

/// <summary>
/// `delight-sim merge DIR... [--out DIR]`: joins the shard outputs of `explore --shard I/N` (their summary.json) into
/// one summary, printed and, with --out, written as summary.json beside copies of every bug file and report.
/// Exit 2 when the shards cannot be merged (unreadable, mismatched, missing or duplicated); otherwise, for scenario
/// hunts 1 when any bug was found and 0 when none was, for mutant hunts 0 when every mutant was found and 1 when not.
/// </summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var dirs = new Argument<string[]>("DIR") { Description = "Output folders of `explore --shard` (each with a summary.json), or the summary files.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "Folder for the merged summary.json and copies of the bug files and reports." };
        var command = new Command("merge", "Join the outputs of sharded explore runs into one summary.") { dirs, output };
        command.SetAction(parse => Run(parse.GetValue(dirs) ?? [], parse.GetValue(output), Console.Out, Console.Error));
        return command;
    }

    public static int Run(IReadOnlyList<string> sources, string? outDirectory, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(sources);
        MergedSummary merged;
        try
        {
            var inputs = sources.Select(s => (Source: Directory.Exists(s) ? s : Path.GetDirectoryName(s) ?? ".", Summary: HuntSummary.Load(s))).ToList();
            merged = SummaryMerger.Merge(inputs);
        }
        catch (Exception e) when (e is HuntSummaryException or MergeException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadArguments;
        }

        if (outDirectory is not null)
        {
            try
            {
                merged = WriteOut(merged, outDirectory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: cannot write '{outDirectory}': {e.Message}");
                return ExitCodes.BadArguments;
            }
        }

        Print(merged, output);
        if (outDirectory is not null)
        {
            output.WriteLine($"summary: {Path.Combine(outDirectory, HuntSummary.FileName)}");
        }

        return merged.Mode == HuntSummary.MutantMode
            ? (merged.Hunts.All(h => h.Bugs.Count > 0) ? ExitCodes.Clean : ExitCodes.BugFound)
            : (merged.BugCount == 0 ? ExitCodes.Clean : ExitCodes.BugFound);
    }

    private static MergedSummary WriteOut(MergedSummary merged, string outDirectory)
    {
        Directory.CreateDirectory(outDirectory);
        string? Copy(string? path)
        {
            if (path is null)
            {
                return null;
            }

            var name = Path.GetFileName(path);
            File.Copy(path, Path.Combine(outDirectory, name), overwrite: true);
            return name;
        }

        var copied = merged with
        {
            Hunts = [.. merged.Hunts.Select(h => h with { Bugs = [.. h.Bugs.Select(b => b with { BugFile = Copy(b.BugFile), Report = Copy(b.Report) })] })],
        };
        File.WriteAllText(Path.Combine(outDirectory, HuntSummary.FileName), copied.ToJson());
        return copied;
    }

    private static void Print(MergedSummary merged, TextWriter output)
    {
        output.WriteLine($"merged {merged.ShardCount} shard(s): mode {merged.Mode}, seed {merged.Seed}, strategy {merged.Strategy}, max-bugs {merged.MaxBugs}");
        output.WriteLine("| hunt | scenarios | iterations run | bugs | first bug |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var hunt in merged.Hunts)
        {
            var first = hunt.Bugs.Count == 0
                ? "-"
                : $"iteration {hunt.Bugs[0].Iteration} ({hunt.Bugs[0].Scenario}, {hunt.Bugs[0].FailingInvariant}, shard {hunt.Bugs[0].Shard}) {hunt.Bugs[0].BugFile}";
            output.WriteLine($"| {hunt.Name} | {string.Join(", ", hunt.Scenarios)} | {hunt.IterationsRun.ToString(CultureInfo.InvariantCulture)}/{hunt.Iterations.ToString(CultureInfo.InvariantCulture)} | {hunt.Bugs.Count} | {first} |");
        }

        foreach (var bug in merged.Hunts.SelectMany(h => h.Bugs.Select(b => (h.Name, b))))
        {
            output.WriteLine($"  BUG {bug.Name}: {bug.b.FailingInvariant} at iteration {bug.b.Iteration} (shard {bug.b.Shard}) {bug.b.BugFile ?? "(no file)"}");
        }

        foreach (var hunt in merged.Hunts.Where(h => h.BaselineFailures.Count > 0))
        {
            output.WriteLine($"  baseline {hunt.Name}: {hunt.BaselineFailures.Count} iteration(s) failed without the mutant too (first: {hunt.BaselineFailures[0].Scenario} iteration {hunt.BaselineFailures[0].Iteration}, {hunt.BaselineFailures[0].FailingInvariant})");
        }

        var iterations = merged.Hunts.Sum(h => h.IterationsRun);
        output.WriteLine(merged.Mode == HuntSummary.MutantMode
            ? $"mutants found: {merged.Hunts.Count(h => h.Bugs.Count > 0)}/{merged.Hunts.Count} ({iterations} iterations)"
            : $"total: {iterations} iteration(s), {merged.BugCount} bug(s) in {merged.Hunts.Count(h => h.Bugs.Count > 0)} of {merged.Hunts.Count} hunt(s)");
    }
}
