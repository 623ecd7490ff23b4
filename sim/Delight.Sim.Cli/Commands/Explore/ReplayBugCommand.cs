using System.CommandLine;
using Delight.Scenarios;
using Delight.Sim.BugExport;
using Delight.Sim.Exploration;

namespace Delight.Sim.Cli.Commands.Explore;

/// <summary>
/// `delight-sim replay-bug FILE`: replays a bug file exactly (same trace, same mutant). Exit 1 when the bug
/// reproduces (printing the failing invariant), 0 when it no longer does, 2 when the file is unreadable.
/// With <c>--export-capture OUT</c> it also writes the world's CLI session of that very run as a sanitized capture
/// (2 when OUT cannot be written; nothing half-written).
/// </summary>
internal static class ReplayBugCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A *.bug.json written by `delight-sim explore`." };
        var export = new Option<string?>("--export-capture")
        {
            Description = "Also write the CLI session's capture of the replayed run to OUT (sanitized): once the bug is " +
                "fixed, the run replays clean and the file is a regression capture for captures/.",
            HelpName = "OUT",
        };
        var command = new Command("replay-bug", "Replay a bug file exactly and report whether the bug still reproduces.") { file, export };
        command.SetAction(parse => Run(parse.GetValue(file) ?? string.Empty, Console.Out, Console.Error, parse.GetValue(export)));
        return command;
    }

    public static int Run(string path, TextWriter output, TextWriter error, string? exportCapture = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
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

        BugCaptureExporter? exporter = null;
        if (exportCapture is not null)
        {
            // Checked before the replay (which is slow), so a bad OUT costs nothing and leaves nothing behind.
            if (BugCaptureExporter.CheckWritable(exportCapture) is { } problem)
            {
                error.WriteLine($"error: --export-capture: {problem}");
                return ExitCodes.BadArguments;
            }

            exporter = new BugCaptureExporter(bug, path);
        }

        output.WriteLine($"replaying {bug.Scenario}{(bug.Mutant is null ? string.Empty : $" with mutant {bug.Mutant}")} (seed {bug.Seed}, iteration {bug.Iteration}, recorded invariant {bug.FailingInvariant}){(bug.SwarmPinned == true ? ", swarm configuration pinned" : string.Empty)}");
        ReplayOutcome outcome;
        try
        {
            // Bugs found by `replay --explore` name their capture ("capture:PATH") instead of a scenario.
            outcome = Explorer.Replay(bug, name => ScenarioCatalog.Find(name) ?? Sim.Replay.CaptureExplorationScenario.TryLoad(name), exporter is null ? null : exporter.Attach);
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
        }
        else
        {
            output.WriteLine("the bug no longer reproduces");
        }

        if (exporter is not null && !Export(exporter, exportCapture!, bug.Scenario, outcome.Reproduced, output, error))
        {
            return ExitCodes.BadArguments;
        }

        return outcome.Reproduced ? ExitCodes.BugFound : ExitCodes.Clean;
    }

    private static bool Export(BugCaptureExporter exporter, string path, string scenario, bool reproduced, TextWriter output, TextWriter error)
    {
        if (!exporter.Recorded)
        {
            error.WriteLine(scenario.StartsWith(Sim.Replay.CaptureExplorationScenario.NamePrefix, StringComparison.Ordinal)
                ? "error: --export-capture: nothing to export: a bug found by `replay --explore` runs a capture, not the world's CLI session"
                : "error: --export-capture: nothing to export: the replay ended before the world's CLI session started " +
                  "(Coyote could not follow the bug's trace that far)");
            return false;
        }

        int records;
        try
        {
            records = exporter.Write(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: --export-capture: '{path}' cannot be written: {e.Message}");
            return false;
        }

        output.WriteLine($"exported capture: {Path.GetFullPath(path)} ({records} records, sanitized)");
        output.WriteLine(reproduced
            ? "it records the failing run up to the broken invariant; after the fix, export again: the fixed run is the regression capture for captures/"
            : "the bug no longer reproduces: this is the run of the same trace on this runtime, a regression capture for captures/ " +
              "once `delight-sim replay` finds it clean (where a fix changed the interleaving, Coyote stops following the trace and the capture ends there)");
        return true;
    }
}
