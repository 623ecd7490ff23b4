using System.CommandLine;
using Delight.Runtime.Capture;
using Delight.Runtime.Capture.Schema;
using Delight.Sim.Exploration;
using Delight.Sim.Replay;

namespace Delight.Sim.Cli.Commands.Replay;

/// <summary>
/// `delight-sim replay FILE|DIR...`: replays captures through the runtime on a virtual clock and compares every
/// command with the recorded one. Exit 0 all clean, 1 a divergence or a broken invariant, 2 an unreadable or invalid
/// capture.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("FILE|DIR") { Description = "Captures to replay; a folder replays its *.jsonl files.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("replay",
            "Replay captures through the runtime on a virtual clock (no real waiting), compare every command with the " +
            "recorded one and check the safety invariants; report the first divergence with the records before it, " +
            "expected against actual, and the state fields that differ. Exit 0 when every capture replays clean, 1 on a " +
            "divergence or a broken invariant, 2 on an unreadable or invalid capture.");
        var explore = new Option<uint>("--explore") { Description = "Instead of replaying exactly, keep each source's order but let Coyote vary the interleaving across sources for N iterations, checking the invariants (one FILE). Bugs are written as bug files, as `explore` does." };
        var seed = new Option<uint>("--seed") { Description = "Seed of the exploration (with --explore).", DefaultValueFactory = _ => 1 };
        var outDir = new Option<string?>("--out") { Description = "Folder for bug files (with --explore; default: a new folder whose path is printed)." };
        command.Arguments.Add(paths);
        command.Options.Add(explore);
        command.Options.Add(seed);
        command.Options.Add(outDir);
        command.SetAction(parse =>
        {
            var files = parse.GetValue(paths)!;
            var iterations = parse.GetValue(explore);
            return iterations == 0
                ? Run(files, Console.Out, Console.Error)
                : Explore(files, iterations, parse.GetValue(seed), parse.GetValue(outDir), Console.Out, Console.Error);
        });
        return command;
    }

    /// <summary>`replay --explore N FILE`: Coyote varies the interleaving across the capture's sources.</summary>
    public static int Explore(IReadOnlyList<string> paths, uint iterations, uint seed, string? outDirectory, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (paths.Count != 1 || !File.Exists(paths[0]))
        {
            error.WriteLine("replay --explore: give exactly one capture FILE");
            return 2;
        }

        CaptureFile capture;
        try
        {
            capture = CaptureReader.ReadFile(paths[0]);
        }
        catch (CaptureFormatException e)
        {
            error.WriteLine($"replay: {paths[0]}: {e.Message}");
            return 2;
        }

        var folder = outDirectory ?? Path.Combine(Path.GetTempPath(), $"delight-replay-explore-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(folder);
        var scenario = new CaptureExplorationScenario(paths[0], capture);
        var outcome = Explorer.Explore(scenario, new ExploreOptions(iterations, seed, Strategy.Random, folder));
        if (outcome.BugFound)
        {
            output.WriteLine($"BUG       {scenario.Name}: {outcome.FailingInvariant} (iteration {outcome.BugIteration}); bug file: {outcome.BugFilePath}");
            return 1;
        }

        output.WriteLine($"clean     {scenario.Name}: {outcome.IterationsRun} interleavings explored, no invariant broken (output: {folder})");
        return 0;
    }

    public static int Run(IReadOnlyList<string> paths, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*" + CaptureFormat.FileExtension).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                error.WriteLine($"replay: no such file or folder: {path}");
                return 2;
            }
        }

        if (files.Count == 0)
        {
            error.WriteLine("replay: no *.jsonl capture found");
            return 2;
        }

        var diverged = 0;
        foreach (var file in files)
        {
            CaptureFile capture;
            try
            {
                var lines = File.ReadAllLines(file);
                capture = CaptureReader.Read(new StringReader(string.Join('\n', lines)));
                var problems = CaptureSchema.Validate(lines);
                if (problems.Count > 0)
                {
                    error.WriteLine($"replay: {file}: does not match the capture schema: {problems[0]}");
                    return 2;
                }
            }
            catch (CaptureFormatException e)
            {
                error.WriteLine($"replay: {file}: {e.Message}");
                return 2;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"replay: cannot read {file}: {e.Message}");
                return 2;
            }

            var report = CaptureReplayer.Replay(capture, file);
            ReplayReportPrinter.Print(report, output);
            if (!report.IsClean)
            {
                diverged++;
            }
        }

        output.WriteLine($"{files.Count - diverged} clean, {diverged} diverged");
        return diverged == 0 ? 0 : 1;
    }
}
