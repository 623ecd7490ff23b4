using System.Text.Json.Nodes;
using Delight.Runtime.Mutants;
using Delight.Scenarios;
using Delight.Sim.Cli.Commands.Explore;
using Delight.Sim.Cli.Commands.Shrink;
using Delight.Sim.Exploration;
using Delight.Sim.Exploration.Shrinking;
using NUnit.Framework;

namespace Delight.Sim.Cli.Tests.Shrink;

/// <summary>
/// `delight-sim shrink` on a real mutant bug: TakebackWatcherOutlivesRemote, found by s7 at iteration 2 of seed 1 with
/// three faults on (delay, agent crash, a tight inbox). Shrunk with a small budget of attempts so the fixture stays
/// quick; the shrunk file must replay with `replay-bug`, and shrinking again must write the same bytes.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ShrinkCommandTests
{
    private const Mutant Defect = Mutant.TakebackWatcherOutlivesRemote;
    private const int Attempts = 4;

    private string _dir = string.Empty;
    private string _bugPath = string.Empty;
    private BugFile _original = null!;
    private string _shrunkPath = string.Empty;
    private string _shrinkOutput = string.Empty;
    private int _shrinkExit;

    [OneTimeSetUp]
    public void FindAndShrinkABug()
    {
        Explorer.OptOutOfTelemetry();
        _dir = Directory.CreateTempSubdirectory("delight-sim-shrink-test-").FullName;
        var scenario = ScenarioCatalog.Find(MutantCatalog.ScenariosFor(Defect)[0])!;
        var hunt = Hunter.Hunt(HuntTarget.Of(scenario, Defect), new HuntOptions(10, 1, Strategy.Random, _dir, Shard.Full) { BaselineCheck = true });
        Assert.That(hunt.FirstBug?.BugFilePath, Is.Not.Null, $"{Defect} should be found by {scenario.Name} within 10 iterations of seed 1");
        _bugPath = hunt.FirstBug!.BugFilePath!;
        _original = BugFile.Load(_bugPath);
        _shrunkPath = Path.Combine(_dir, "first.shrunk.bug.json");
        (_shrinkExit, _shrinkOutput, _) = Shrink(_bugPath, _shrunkPath);
    }

    [OneTimeTearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Output, string Error) Shrink(string path, string? outPath, int attempts = Attempts)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ShrinkCommand.Run(path, attempts, outPath, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [NUnit.Framework.Test]
    public void ARealMutantBugShrinksToFewerFaultsOrAShorterTrace()
    {
        Assert.That(_shrinkExit, Is.EqualTo(ShrinkExitCodes.Shrunk), _shrinkOutput);
        var shrunk = BugFile.Load(_shrunkPath);
        var faultsBefore = SwarmKnobs.ActiveFaults(_original.Swarm!);
        var faultsAfter = SwarmKnobs.ActiveFaults(shrunk.Swarm!);
        var stepsBefore = TraceLength.Of(_original.Trace);
        var stepsAfter = TraceLength.Of(shrunk.Trace);
        Assert.That(faultsBefore, Is.GreaterThan(0), "the original run had faults on");
        Assert.That(faultsAfter < faultsBefore || stepsAfter < stepsBefore, Is.True,
            $"faults {faultsBefore} -> {faultsAfter}, trace steps {stepsBefore} -> {stepsAfter}:\n{_shrinkOutput}");
        Assert.That(SwarmKnobs.SizeExcess(shrunk.Swarm!), Is.LessThanOrEqualTo(SwarmKnobs.SizeExcess(_original.Swarm!)), "sizes never grow");
        Assert.That(_shrinkOutput, Does.Contain($"faults on: {faultsBefore} -> {faultsAfter}"));
        Assert.That(_shrinkOutput, Does.Contain($"trace steps: {stepsBefore} -> {stepsAfter}"));
        Assert.That(_shrinkOutput, Does.Match(@"engine runs: \d+"));
    }

    [NUnit.Framework.Test]
    public void TheShrunkFilePinsItsConfigurationAndHasAReport()
    {
        var shrunk = BugFile.Load(_shrunkPath);
        Assert.That(shrunk.SwarmPinned, Is.True);
        Assert.That(shrunk.ShrunkFrom, Is.EqualTo(Path.GetFileName(_bugPath)));
        Assert.That(shrunk.FailingInvariant, Is.EqualTo(_original.FailingInvariant));
        Assert.That(shrunk.Mutant, Is.EqualTo(Defect.ToString()));
        Assert.That(shrunk.IterationSeed, Is.EqualTo(IterationSeed.For(shrunk.Seed, shrunk.Iteration)));
        var report = Path.Combine(_dir, "first.shrunk.md");
        Assert.That(File.Exists(report), Is.True, "the report goes beside the shrunk bug file");
        Assert.That(File.ReadAllText(report), Does.Contain("## Shrinking").And.Contain(Path.GetFileName(_bugPath)).And.Contain("faults on: "));
    }

    [NUnit.Framework.Test]
    public void TheShrunkFileReplaysAndFailsWithTheSameInvariant()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ReplayBugCommand.Run(_shrunkPath, output, error);
        Assert.That(exit, Is.EqualTo(ExitCodes.BugFound), output + error.ToString());
        Assert.That(output.ToString(), Does.Contain("swarm configuration pinned").And.Contain($"REPRODUCED: {_original.FailingInvariant}"));
    }

    [NUnit.Framework.Test]
    public void PinningDoesNotChangeUnpinnedRuns()
    {
        // The original (unpinned) bug file still replays exactly...
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.That(ReplayBugCommand.Run(_bugPath, output, error), Is.EqualTo(ExitCodes.BugFound), output + error.ToString());
        Assert.That(output.ToString(), Does.Contain($"REPRODUCED: {_original.FailingInvariant}").And.Not.Contain("pinned"));

        // ...and pinning its own drawn configuration reruns the very same iteration: the draw still happens, so the
        // rest of the generator's stream (and the trace's length) is the original's.
        Assert.That(_shrinkOutput, Does.Contain($"reproduced at iteration {_original.Iteration} ({TraceLength.Of(_original.Trace)} trace steps)"));
    }

    [NUnit.Framework.Test]
    public void ShrinkingTwiceWritesTheSameFile()
    {
        var second = Path.Combine(_dir, "second.shrunk.bug.json");
        var (exit, output, _) = Shrink(_bugPath, second);
        Assert.That(exit, Is.EqualTo(ShrinkExitCodes.Shrunk), output);
        Assert.That(File.ReadAllBytes(second), Is.EqualTo(File.ReadAllBytes(_shrunkPath)));
        Assert.That(File.ReadAllText(Path.Combine(_dir, "second.shrunk.md")), Is.EqualTo(File.ReadAllText(Path.Combine(_dir, "first.shrunk.md"))));
        Assert.That(output, Is.EqualTo(_shrinkOutput.Replace("first.shrunk", "second.shrunk", StringComparison.Ordinal)));
    }

    [NUnit.Framework.Test]
    public void ABugThatDoesNotReproduceExitsOneAndWritesNothing()
    {
        // Without the mutant s7 is correct: the recorded configuration cannot reproduce the failure.
        var unarmed = Path.Combine(_dir, "unarmed.bug.json");
        var json = JsonNode.Parse(File.ReadAllText(_bugPath))!.AsObject();
        json.Remove("mutant");
        File.WriteAllText(unarmed, json.ToJsonString());
        var target = Path.Combine(_dir, "unarmed.shrunk.bug.json");
        var (exit, output, error) = Shrink(unarmed, target, attempts: 2);
        Assert.That(exit, Is.EqualTo(ShrinkExitCodes.NotReproduced), output + error);
        Assert.That(output, Does.Contain("could not reproduce").And.Contain("nothing written"));
        Assert.That(File.Exists(target), Is.False);
    }

    [TestCase("missing", "cannot read")]
    [TestCase("not json at all", "is not a bug file")]
    [TestCase("{}", "scenario or trace missing")]
    [TestCase("""{"format":"delight-sim-bug/0","scenario":"s7-rapid-mode-cycling","trace":{}}""", "has format")]
    [TestCase("unknown-scenario", "unknown scenario")]
    [TestCase("unknown-mutant", "unknown mutant")]
    [TestCase("no-swarm", "no swarm configuration")]
    public void ABadBugFileExitsTwoWithAMessage(string content, string message)
    {
        var path = Path.Combine(_dir, "bad.bug.json");
        File.Delete(path);
        switch (content)
        {
            case "missing":
                break;
            case "unknown-scenario":
                File.WriteAllText(path, Edited(o => o["scenario"] = "s99-no-such-scenario"));
                break;
            case "unknown-mutant":
                File.WriteAllText(path, Edited(o => o["mutant"] = "NoSuchMutant"));
                break;
            case "no-swarm":
                File.WriteAllText(path, Edited(o => o.Remove("swarm")));
                break;
            default:
                File.WriteAllText(path, content);
                break;
        }

        var target = Path.Combine(_dir, "bad.shrunk.bug.json");
        var (exit, output, error) = Shrink(path, target, attempts: 1);
        Assert.That(exit, Is.EqualTo(ShrinkExitCodes.BadInput), output + error);
        Assert.That(error, Does.StartWith("error: ").And.Contain(message).And.Not.Contain("   at "), "a clear message, no stack trace");
        Assert.That(File.Exists(target), Is.False);
    }

    [NUnit.Framework.Test]
    public void NonPositiveAttemptsExitTwo()
    {
        var (exit, _, error) = Shrink(_bugPath, Path.Combine(_dir, "zero.shrunk.bug.json"), attempts: 0);
        Assert.That(exit, Is.EqualTo(ShrinkExitCodes.BadInput));
        Assert.That(error, Does.Contain("--attempts"));
    }

    private string Edited(Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(_bugPath))!.AsObject();
        edit(json);
        return json.ToJsonString();
    }
}
