using System.CommandLine;
using Delight.Scenarios;
using Delight.Sim.Exploration;

namespace Delight.Sim.Cli.Commands.Explore;

/// <summary>
/// `delight-sim replay-bug FILE`: replays a bug file exactly (same trace, same mutant). Exit 1 when the bug
/// reproduces (printing the failing invariant), 0 when it no longer does, 2 when the file is unreadable.
/// </summary>
internal static class ReplayBugCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A *.bug.json written by `delight-sim explore`." };
        var command = new Command("replay-bug", "Replay a bug file exactly and report whether the bug still reproduces.") { file };
        command.SetAction(parse => Run(parse.GetValue(file) ?? string.Empty, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string path, TextWriter output, TextWriter error)
    {
        BugFile bug;
        try
        {
            bug = BugFile.Load(path);
        }
        catch (BugFileException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadArguments;
        }

        output.WriteLine($"replaying {bug.Scenario}{(bug.Mutant is null ? string.Empty : $" with mutant {bug.Mutant}")} (seed {bug.Seed}, iteration {bug.Iteration}, recorded invariant {bug.FailingInvariant})");
        ReplayOutcome outcome;
        try
        {
            // Bugs found by `replay --explore` name their capture ("capture:PATH") instead of a scenario.
            outcome = Explorer.Replay(bug, name => ScenarioCatalog.Find(name) ?? Sim.Replay.CaptureExplorationScenario.TryLoad(name));
        }
        catch (BugFileException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadArguments;
        }
        catch (Exception e) when (e is Runtime.Capture.CaptureFormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: the bug's capture cannot be read: {e.Message}");
            return ExitCodes.BadArguments;
        }
        catch (CodeNotRewrittenException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadArguments;
        }

        if (outcome.Reproduced)
        {
            output.WriteLine($"REPRODUCED: {outcome.FailingInvariant}");
            output.WriteLine(outcome.Message);
            return ExitCodes.BugFound;
        }

        output.WriteLine("the bug no longer reproduces");
        return ExitCodes.Clean;
    }
}
