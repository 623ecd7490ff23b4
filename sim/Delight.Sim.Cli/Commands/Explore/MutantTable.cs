using System.Globalization;
using Delight.Sim.Exploration;

namespace Delight.Sim.Cli.Commands.Explore;

/// <summary>The mutant-mode result table (one row per mutant) and its closing `mutants found: X/Y` line.</summary>
internal static class MutantTable
{
    public const string NotFound = "not found";

    /// <summary>Writes the table; a baseline failure (the scenario fails without the mutant too) is printed with the
    /// scenario-mode command that reproduces it, since its iteration seed is the same (seed, iteration) pair.</summary>
    public static void Write(TextWriter output, IReadOnlyList<HuntOutcome> outcomes, HuntOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rows = outcomes.Select(Row).ToList();
        string[] header = ["mutant", "scenario", "first found at iteration", "bug file"];
        var widths = Enumerable.Range(0, header.Length)
            .Select(c => rows.Select(r => r[c].Length).Append(header[c].Length).Max())
            .ToArray();
        output.WriteLine(Line(header, widths));
        output.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in rows)
        {
            output.WriteLine(Line(row, widths));
        }

        foreach (var outcome in outcomes.Where(o => o.BaselineFailures.Count > 0))
        {
            var first = outcome.BaselineFailures[0];
            output.WriteLine(
                $"baseline: {outcome.Target.Name}: {outcome.BaselineFailures.Count} iteration(s) failed without the mutant too, not counted " +
                $"(first: {first.Scenario} iteration {first.Iteration}, {first.FailingInvariant}); a bug of the scenario or runtime itself");
            var strategy = options.Strategy == Strategy.Random ? string.Empty : $" --strategy {options.Strategy.ToName()}";
            output.WriteLine(
                $"  reproduce without the mutant: delight-sim explore --scenario {first.Scenario} --seed {options.Seed} " +
                $"--iterations {first.Iteration}{strategy}");
        }

        output.WriteLine($"mutants found: {outcomes.Count(o => o.BugFound)}/{outcomes.Count}");
    }

    private static string[] Row(HuntOutcome outcome)
    {
        if (outcome.FirstBug is { } bug)
        {
            return
            [
                outcome.Target.Name,
                bug.Scenario,
                bug.Iteration.ToString(CultureInfo.InvariantCulture),
                bug.BugFilePath is null ? $"({bug.FailingInvariant}, no file)" : Path.GetFileName(bug.BugFilePath),
            ];
        }

        return [outcome.Target.Name, string.Join(", ", outcome.Target.Scenarios.Select(s => s.Name)), NotFound, "-"];
    }

    private static string Line(string[] cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |";
}
