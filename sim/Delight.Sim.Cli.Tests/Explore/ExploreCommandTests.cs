using Delight.Runtime.Mutants;
using Delight.Scenarios;
using Delight.Sim.Cli.Commands.Explore;
using Delight.Sim.Exploration;
using NUnit.Framework;

namespace Delight.Sim.Cli.Tests.Explore;

/// <summary>The explore and replay-bug commands, in process: exit codes, output and files.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ExploreCommandTests
{
    private string _dir = string.Empty;
    private StringWriter _out = new();
    private StringWriter _err = new();

    [SetUp]
    public void SetUp()
    {
        Explorer.OptOutOfTelemetry();
        _dir = Directory.CreateTempSubdirectory("delight-sim-cli-test-").FullName;
        _out = new StringWriter();
        _err = new StringWriter();
    }

    [TearDown]
    public void TearDown()
    {
        _out.Dispose();
        _err.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private int Explore(string scenario = "all", int? iterations = null, long seed = 1, string strategy = "random", bool list = false, bool determinism = false) =>
        ExploreCommand.Run(new ExploreArguments(scenario, iterations, seed, strategy, _dir, determinism, list), _out, _err);

    [NUnit.Framework.Test]
    public void ListPrintsEveryScenario()
    {
        Assert.That(Explore(list: true), Is.EqualTo(0));
        foreach (var scenario in ScenarioCatalog.All)
        {
            Assert.That(_out.ToString(), Does.Contain(scenario.Name));
        }
    }

    [NUnit.Framework.Test]
    public void BadArgumentsExitWithTwo()
    {
        Assert.That(Explore(strategy: "bogus"), Is.EqualTo(2));
        Assert.That(Explore(scenario: "no-such-scenario"), Is.EqualTo(2));
        Assert.That(Explore(iterations: 0), Is.EqualTo(2));
        Assert.That(Explore(seed: -1), Is.EqualTo(2));
        Assert.That(ExploreCommand.Run(new ExploreArguments("s1", 1, 1, "random", _dir, false, false) { Mutant = "NoSuchMutant" }, _out, _err), Is.EqualTo(2));
        Assert.That(_err.ToString(), Does.Contain("unknown mutant"));
        Assert.That(_err.ToString(), Does.Contain("unknown strategy").And.Contain("unknown scenario"));
    }

    [NUnit.Framework.Test]
    public void ACleanRunExitsWithZeroAndShowsProgress()
    {
        Assert.That(Explore(scenario: "s10", iterations: 10, seed: 3), Is.EqualTo(0), _out + _err.ToString());
        Assert.That(_out.ToString(), Does.Contain("s10-reply-purity 10/10").And.Contain("no bug found"));
        Assert.That(Directory.GetFiles(_dir, "*.bug.json"), Is.Empty);
    }

    [NUnit.Framework.Test]
    public void CommandLineParsingReachesTheCommand()
    {
        var exit = Program.BuildRoot().Parse(["explore", "--strategy", "nope"]).Invoke();
        Assert.That(exit, Is.EqualTo(2));
    }

    [NUnit.Framework.Test]
    public void ReplayBugExitsWithTwoOnUnreadableFiles()
    {
        Assert.That(ReplayBugCommand.Run(Path.Combine(_dir, "missing.bug.json"), _out, _err), Is.EqualTo(2));
        var garbage = Path.Combine(_dir, "garbage.bug.json");
        File.WriteAllText(garbage, "{ not json");
        Assert.That(ReplayBugCommand.Run(garbage, _out, _err), Is.EqualTo(2));
        File.WriteAllText(garbage, "{\"format\":\"other\"}");
        Assert.That(ReplayBugCommand.Run(garbage, _out, _err), Is.EqualTo(2));
        Assert.That(_err.ToString(), Does.Contain("cannot read").And.Contain("not a bug file"));
    }

    [NUnit.Framework.Test]
    public void AFoundBugReplaysWithExitOneAndNamesTheInvariant()
    {
        // A seeded defect the harness must catch: a runner restarted while the session is Closing (S9).
        var scenario = ScenarioCatalog.Find("s9")!;
        var outcome = Explorer.Explore(scenario, new ExploreOptions(40, 1, Strategy.Random, _dir, Mutant: Mutant.RunnerRestartedWhileClosing));
        Assert.That(outcome.BugFound, Is.True, "the RunnerRestartedWhileClosing mutant should be found by s9");
        Assert.That(outcome.BugFilePath, Does.EndWith(".bug.json"));
        Assert.That(File.ReadAllText(outcome.ReportPath!), Does.Contain("```mermaid").And.Contain(outcome.FailingInvariant!));

        for (var i = 0; i < 3; i++)
        {
            Assert.That(ReplayBugCommand.Run(outcome.BugFilePath!, _out, _err), Is.EqualTo(1), _out + _err.ToString());
        }

        Assert.That(_out.ToString(), Does.Contain("REPRODUCED: " + outcome.FailingInvariant));
        var bug = BugFile.Load(outcome.BugFilePath!);
        Assert.That(bug.Mutant, Is.EqualTo(nameof(Mutant.RunnerRestartedWhileClosing)));
        Assert.That(bug.Swarm, Is.Not.Null);
        Assert.That(bug.Tools.Coyote, Does.StartWith("1.7.11"));
    }
}
