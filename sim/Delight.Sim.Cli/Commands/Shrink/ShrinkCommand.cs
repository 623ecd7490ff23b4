using System.CommandLine;
using Delight.Scenarios;
using Delight.Sim.Exploration;
using Delight.Sim.Exploration.Shrinking;

namespace Delight.Sim.Cli.Commands.Shrink;

/// <summary>
/// `delight-sim shrink BUGFILE [--attempts N] [--out FILE]`: shrinks a failing run (faults switched off, sizes lowered,
/// the shortest failing trace kept) while it still fails with the same invariant, and writes the shrunk bug file (its
/// header pins the shrunk configuration, so `replay-bug` reproduces it) with its report beside it. Exit 0 when shrunk
/// and written, 1 when the original failure does not reproduce, 2 on bad input.
/// </summary>
internal static class ShrinkCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("BUGFILE") { Description = "A *.bug.json written by `delight-sim explore`." };
        var attempts = new Option<int>("--attempts")
        {
            Description = "Iterations of the bug's seed to explore per candidate configuration (the bug's own iteration first).",
            DefaultValueFactory = _ => ShrinkOptions.DefaultAttempts,
        };
        var output = new Option<string?>("--out") { Description = "The shrunk bug file (default: NAME.shrunk.bug.json beside BUGFILE); its report goes beside it.", HelpName = "FILE" };
        var command = new Command("shrink", "Shrink a failing run: drop faults and events while it still fails with the same invariant.")
        {
            file, attempts, output,
        };
        command.SetAction(parse => Run(parse.GetValue(file) ?? string.Empty, parse.GetValue(attempts), parse.GetValue(output), Console.Out, Console.Error));
        return command;
    }

    public static int Run(string path, int attempts, string? outPath, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (attempts <= 0)
        {
            return Bad(error, "--attempts must be a positive number");
        }

        BugFile bug;
        try
        {
            bug = BugFile.Load(path);
        }
        catch (BugFileException e)
        {
            return Bad(error, e.Message);
        }

        var target = outPath ?? ShrinkOptions.DefaultOutPath(path);
        if (Directory.Exists(target))
        {
            return Bad(error, $"--out: '{target}' is a folder; give a file name");
        }

        output.WriteLine($"shrinking {bug.Scenario}{(bug.Mutant is null ? string.Empty : $" with mutant {bug.Mutant}")} (seed {bug.Seed}, iteration {bug.Iteration}, invariant {bug.FailingInvariant})");
        ShrinkOutcome outcome;
        try
        {
            outcome = Shrinker.Shrink(bug, path, name => ScenarioCatalog.Find(name) ?? Sim.Replay.CaptureExplorationScenario.TryLoad(name),
                new ShrinkOptions(target, attempts) { OnProgress = output.WriteLine });
        }
        catch (BugFileException e)
        {
            return Bad(error, e.Message);
        }
        catch (Runtime.Capture.CaptureFormatException e)
        {
            return Bad(error, $"the bug's capture cannot be read: {e.Message}");
        }
        catch (CodeNotRewrittenException e)
        {
            return Bad(error, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Bad(error, $"a file cannot be read or written (the bug's capture, or the shrunk bug file '{target}'): {e.Message}");
        }

        foreach (var line in ShrinkSummary.Lines(outcome))
        {
            output.WriteLine(line);
        }

        if (!outcome.Reproduced)
        {
            output.WriteLine("nothing written");
            return ShrinkExitCodes.NotReproduced;
        }

        output.WriteLine($"shrunk bug file: {outcome.BugFilePath}");
        output.WriteLine($"report:          {outcome.ReportPath}");
        output.WriteLine($"replay:          delight-sim replay-bug {outcome.BugFilePath}");
        return ShrinkExitCodes.Shrunk;
    }

    private static int Bad(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        return ShrinkExitCodes.BadInput;
    }
}
