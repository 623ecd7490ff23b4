using System.Text;
using System.Text.RegularExpressions;
using Delight.Runtime.Capture;
using Delight.Runtime.Capture.Schema;
using Delight.Runtime.Mutants;
using Delight.Runtime.Session;
using Delight.Scenarios;
using Delight.Sim.BugExport;
using Delight.Sim.Cli.Commands.Explore;
using Delight.Sim.Cli.Commands.Replay;
using Delight.Sim.Exploration;
using Delight.Sim.Replay;
using NUnit.Framework;

namespace Delight.Sim.Cli.Tests.Explore;

/// <summary>
/// Exporting a bug of the real simulated world as a capture (<c>replay-bug FILE --export-capture OUT</c> and the
/// exporter behind it). The bug: the RunnerRestartedWhileClosing mutant on its catalog scenario s9 — a reducer defect,
/// so it shows in the CLI session's commands. The failing run is recorded while it is explored (the exporter plugged in
/// through <see cref="ExploreOptions.OnContext"/>), so these tests do not depend on the world replaying a bug file
/// exactly; the one that does (the command itself) is inconclusive, not failed, while it cannot.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ExportCaptureTests
{
    private const Mutant Defect = Mutant.RunnerRestartedWhileClosing;

    // The world's clearly fake keys (SimWorld): relay token key 1..32, session data key 101..132.
    private static readonly byte[] TokenKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly byte[] DataKey = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];

    // The fake phone's message texts ("p0-0", "p1-2": sender-number).
    private static readonly Regex PhoneText = new(@"\bp\d+-\d+\b", RegexOptions.CultureInvariant);

    private string _dir = string.Empty;
    private string _bugPath = string.Empty;
    private BugCaptureExporter _exporter = null!;
    private string _exported = string.Empty;

    [OneTimeSetUp]
    public void FindAndRecordABug()
    {
        Explorer.OptOutOfTelemetry();
        _dir = Directory.CreateTempSubdirectory("delight-sim-export-test-").FullName;
        var scenario = ScenarioCatalog.Find(MutantCatalog.ScenariosFor(Defect)[0])!;
        _exporter = new BugCaptureExporter($"test: {scenario.Name} with mutant {Defect}");
        var outcome = Explorer.Explore(scenario, new ExploreOptions(10, 1, Strategy.Random, _dir, Mutant: Defect) { OnContext = _exporter.Attach });
        Assert.That(outcome.BugFound, Is.True, $"{Defect} should be found by {scenario.Name} within 10 iterations");
        _bugPath = outcome.BugFilePath!;
        _exported = Path.Combine(_dir, "exported.jsonl");
        Assert.That(_exporter.Write(_exported), Is.GreaterThan(0));
    }

    [OneTimeTearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [NUnit.Framework.Test]
    public void TheExportedCaptureMatchesTheSchema()
    {
        Assert.That(CaptureSchema.Validate(File.ReadAllLines(_exported)), Is.Empty);
        Assert.That(Directory.GetFiles(_dir, "*.partial"), Is.Empty, "no temporary file left behind");
    }

    [NUnit.Framework.Test]
    public void TheHeaderKeepsTheProducerThroughSanitizing()
    {
        var header = CaptureReader.ReadFile(_exported).Header;
        Assert.That(header.Producer, Is.EqualTo(_exporter.Producer));
        Assert.That(header.Initial.Settings.SessionId, Does.Match("^session-[0-9]+$"), "the rest of the header is sanitized");
    }

    [NUnit.Framework.Test]
    public void TheCaptureHoldsTheRunsInputsAndOutputs()
    {
        var capture = CaptureReader.ReadFile(_exported);
        var raw = _exporter.Snapshot()!;
        Assert.That(capture.Records, Has.Length.EqualTo(raw.Records.Length), "every recorded transition is written");
        Assert.That(capture.Inputs.Count(), Is.GreaterThan(5));
        Assert.That(capture.Outputs.Count(), Is.GreaterThan(5));
        // The defect is in the record, in one of its two forms: a runner started after Shutdown was reduced, or a
        // Ready in Closing that left Closing for a running state.
        var shutdown = capture.Inputs.First(r => r.State!.ShutdownRequested).Index;
        var restarted = capture.Outputs.Any(o => o.Command is StartRunner && o.Index > shutdown);
        var leftClosing = capture.Inputs.Any(r => r.State!.ShutdownRequested && r.State.Fsm is not (FsmState.Closing or FsmState.Closed));
        Assert.That(restarted || leftClosing, Is.True, "the defect's transition is recorded");
    }

    [NUnit.Framework.Test]
    public void AgainstTheHealthyRuntimeTheCaptureDiverges()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.That(ReplayCommand.Run([_exported], output, error), Is.EqualTo(1), output + error.ToString());
        Assert.That(output.ToString(), Does.Contain("0 clean, 1 diverged"));

        var capture = CaptureReader.ReadFile(_exported);
        var report = CaptureReplayer.Replay(capture, "healthy");
        Assert.That(report.Divergence, Is.Not.Null, "the healthy reducer does not restart a runner in Closing");
        // Up to Shutdown the mutant behaves like the healthy runtime: the divergence is where it does not.
        Assert.That(report.Divergence!.InputIndex, Is.GreaterThanOrEqualTo(capture.Inputs.First(r => r.State!.ShutdownRequested).Index));
    }

    [NUnit.Framework.Test]
    public void WithTheMutantArmedEveryCommandMatchesAndReplayFlagsTheSameDefect()
    {
        var capture = CaptureReader.ReadFile(_exported);
        var report = MutantCaptureReplay.Replay(capture, "armed", Defect);
        Assert.That(report.Divergence, Is.Null, "with the mutant armed the runtime does exactly what was recorded");
        // The world's check stopped the run at the defect's transition, the last one recorded. When that transition
        // emits a runner start, replay's own invariants flag it too; a Ready that leaves Closing emits no command, so
        // only the divergence against the healthy runtime (the test above) shows it.
        Assert.That(report.InputsReplayed, Is.EqualTo(capture.Inputs.Count()), "every input replayed");
        var shutdown = capture.Inputs.First(r => r.State!.ShutdownRequested).Index;
        var restarted = capture.Outputs.Any(o => o.Command is StartRunner && o.Index > shutdown);
        Assert.That(report.Violation is not null, Is.EqualTo(restarted), "a violation exactly when a runner was started after Shutdown");
        Assert.That(report.Violation?.Invariant ?? ReplayInvariants.NoStartAfterShutdown, Is.EqualTo(ReplayInvariants.NoStartAfterShutdown));
    }

    [NUnit.Framework.Test]
    public void ACleanIterationExportedTheSameWayReplaysClean()
    {
        var scenario = ScenarioCatalog.Find("s9")!;
        var exporter = new BugCaptureExporter($"test: {scenario.Name}, no mutant");
        var outcome = Explorer.Explore(scenario, new ExploreOptions(2, 1, Strategy.Random, _dir) { OnContext = exporter.Attach });
        Assert.That(outcome.BugFound, Is.False, outcome.Message);
        var clean = Path.Combine(_dir, "clean.jsonl");
        exporter.Write(clean);
        Assert.That(CaptureSchema.Validate(File.ReadAllLines(clean)), Is.Empty);
        Assert.That(CaptureReader.ReadFile(clean).Inputs.Any(r => r.Event is Shutdown), Is.True, "a whole run, to the end");

        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.That(ReplayCommand.Run([clean], output, error), Is.EqualTo(0), output + error.ToString());
        Assert.That(output.ToString(), Does.Contain("1 clean, 0 diverged"));
    }

    [NUnit.Framework.Test]
    public void NoSecretSurvivesTheExport()
    {
        var text = File.ReadAllText(_exported);
        foreach (var key in new[] { TokenKey, DataKey })
        {
            var base64 = Convert.ToBase64String(key);
            Assert.That(text, Does.Not.Contain(base64));
            Assert.That(text, Does.Not.Contain(base64.TrimEnd('=').Replace('+', '-').Replace('/', '_')));
            Assert.That(text, Does.Not.Contain(Convert.ToHexStringLower(key)));
            Assert.That(text, Does.Not.Contain(Convert.ToHexString(key)));
            Assert.That(text, Does.Not.Contain(Encoding.Latin1.GetString(key[..16])), "raw key bytes");
        }

        Assert.That(PhoneText.IsMatch(text), Is.False, "phone message texts (p0-0, ...) are placeholders");
        Assert.That(text, Does.Not.Contain("\"/work\""), "the session's path is a placeholder");

        // Not vacuous: the unsanitized run carried the path.
        using var raw = new StringWriter();
        CaptureWriter.Write(raw, _exporter.Snapshot()!, sanitizer: null);
        Assert.That(raw.ToString(), Does.Contain("\"/work\""));
    }

    [NUnit.Framework.Test]
    public void PhoneTextsOfAnExportedRunArePlaceholders()
    {
        // s1 always sends phone messages (the bug's run above may end before any is sent).
        var scenario = ScenarioCatalog.Find("s1")!;
        var exporter = new BugCaptureExporter($"test: {scenario.Name}");
        Explorer.Explore(scenario, new ExploreOptions(1, 1, Strategy.Random, _dir) { OnContext = exporter.Attach });
        using var raw = new StringWriter();
        CaptureWriter.Write(raw, exporter.Snapshot()!, sanitizer: null);
        Assert.That(PhoneText.IsMatch(raw.ToString()), Is.True, "the raw run carries the phone's texts");

        var path = Path.Combine(_dir, "s1.jsonl");
        exporter.Write(path);
        var text = File.ReadAllText(path);
        Assert.That(PhoneText.IsMatch(text), Is.False, "phone message texts are placeholders");
        Assert.That(text, Does.Contain("redacted:text-"));
        foreach (var key in new[] { TokenKey, DataKey })
        {
            Assert.That(text, Does.Not.Contain(Convert.ToBase64String(key)));
            Assert.That(text, Does.Not.Contain(Convert.ToHexStringLower(key)));
        }
    }

    [NUnit.Framework.Test]
    public void TheProducerNamesTheBugFileScenarioSeedAndMutantButNoFolder()
    {
        var bug = BugFile.Load(_bugPath);
        var exporter = new BugCaptureExporter(bug, _bugPath);
        Assert.That(exporter.Producer, Does.StartWith("bug-export from " + Path.GetFileName(_bugPath))
            .And.Contain("scenario " + bug.Scenario)
            .And.Contain($"seed {bug.Seed}")
            .And.Contain("mutant " + Defect));
        Assert.That(exporter.Producer, Does.Not.Contain(_dir), "the producer is kept verbatim: no local path");
        Assert.That(new BugCaptureExporter(bug with { Mutant = null }, _bugPath).Producer, Does.Contain("mutant none"));
    }

    [NUnit.Framework.Test]
    public void ReplayBugExportsTheReplayedRun()
    {
        var out1 = Path.Combine(_dir, "replayed.jsonl");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ReplayBugCommand.Run(_bugPath, output, error, out1);
        Assert.That(exit, Is.EqualTo(1), "replay-bug must reproduce the bug it exports: " + output + error);

        Assert.That(output.ToString(), Does.Contain("REPRODUCED: ").And.Contain("exported capture: " + out1));
        Assert.That(CaptureSchema.Validate(File.ReadAllLines(out1)), Is.Empty);
        var replayed = CaptureReader.ReadFile(out1);
        Assert.That(replayed.Header.Producer, Does.Contain(Path.GetFileName(_bugPath)).And.Contain("mutant " + Defect));
        var explored = CaptureReader.ReadFile(_exported);
        Assert.That(replayed.Records, Has.Length.EqualTo(explored.Records.Length), "the replay is the run that found the bug");
        Assert.That(MutantCaptureReplay.Replay(replayed, "armed", Defect).Divergence, Is.Null);
    }

    [NUnit.Framework.Test]
    public void AMissingFolderExitsWithTwoBeforeReplayingAndWritesNothing()
    {
        var missingFolder = Path.Combine(_dir, "no-such-folder", "out.jsonl");
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.That(ReplayBugCommand.Run(_bugPath, output, error, missingFolder), Is.EqualTo(2));
        Assert.That(error.ToString(), Does.Contain("--export-capture").And.Contain("does not exist"));
        Assert.That(output.ToString(), Does.Not.Contain("replaying"), "checked before the replay");
        Assert.That(Directory.Exists(Path.GetDirectoryName(missingFolder)), Is.False);
    }

    [NUnit.Framework.Test]
    public void AFolderAsOutExitsWithTwoAndWritesNothing()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var before = Directory.GetFileSystemEntries(_dir).Order(StringComparer.Ordinal).ToArray();
        Assert.That(ReplayBugCommand.Run(_bugPath, output, error, _dir), Is.EqualTo(2));
        Assert.That(error.ToString(), Does.Contain("is a folder"));
        Assert.That(Directory.GetFileSystemEntries(_dir).Order(StringComparer.Ordinal), Is.EqualTo(before));
    }

    [NUnit.Framework.Test]
    public void AFailedWriteLeavesAnExistingOutUntouched()
    {
        // A capture already at OUT stays as it was when the new one cannot be completed (no recorder: nothing to write).
        var existing = Path.Combine(_dir, "existing.jsonl");
        File.WriteAllText(existing, "keep me");
        Assert.That(() => new BugCaptureExporter("nothing recorded").Write(existing), Throws.InvalidOperationException);
        Assert.That(File.ReadAllText(existing), Is.EqualTo("keep me"));
    }

    [NUnit.Framework.Test]
    public void TheOptionIsParsedFromTheCommandLine()
    {
        var bad = Path.Combine(_dir, "missing-folder", "x.jsonl");
        Assert.That(Program.BuildRoot().Parse(["replay-bug", _bugPath, "--export-capture", bad]).Invoke(), Is.EqualTo(2));
        Assert.That(Program.BuildRoot().Parse(["replay-bug", _bugPath, "--export-capture", bad]).Errors, Is.Empty);
    }
}
