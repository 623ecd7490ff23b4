using Delight.Sim.Exploration;
using Delight.Sim.Exploration.Shrinking;

namespace Delight.Sim.Cli.Commands.Shrink;

/// <summary>`explore --shrink`: shrinks the first bug of every hunt that wrote a bug file, beside it, and prints the
/// before/after. The hunt's exit code does not depend on it.</summary>
internal static class ExploreShrinking
{
    public static void ShrinkFirstBugs(IEnumerable<HuntOutcome> outcomes, Func<string, IScenario?> findScenario, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var outcome in outcomes)
        {
            if (outcome.FirstBug?.BugFilePath is not { } path)
            {
                continue;
            }

            output.WriteLine($"shrinking {Path.GetFileName(path)}");
            try
            {
                var shrunk = Shrinker.Shrink(BugFile.Load(path), path, findScenario, new ShrinkOptions(ShrinkOptions.DefaultOutPath(path)));
                foreach (var line in ShrinkSummary.Lines(shrunk))
                {
                    output.WriteLine($"  {line}");
                }

                if (shrunk.BugFilePath is not null)
                {
                    output.WriteLine($"  shrunk bug file: {shrunk.BugFilePath}");
                }
            }
            catch (BugFileException e)
            {
                output.WriteLine($"  not shrunk: {e.Message}");
            }
        }
    }
}
