using Delight.Sim.Exploration;
using NUnit.Framework;

namespace Delight.Scenarios.Tests.Plumbing;

/// <summary>Proves the Coyote plumbing: rewritten assemblies, the real ActorLoop on simulation mailboxes, a racy toy
/// found and replayed, the virtual clock's timers explored as steps, and the determinism check.</summary>
[TestFixture]
public sealed class PlumbingTests
{
    private string _out = string.Empty;

    [SetUp]
    public void SetUp()
    {
        Explorer.OptOutOfTelemetry();
        _out = Path.Combine(Path.GetTempPath(), "delight-sim-plumbing-" + TestContext.CurrentContext.Test.ID);
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [NUnit.Framework.Test]
    public void ActorLoopOnSimulationMailboxesHasNoBug()
    {
        var outcome = Explorer.Explore(new ActorCounterToy(), new ExploreOptions(100, 7, Strategy.Random, _out));
        Assert.That(outcome.BugFound, Is.False, outcome.Message);
        Assert.That(outcome.IterationsRun, Is.EqualTo(100));
    }

    [NUnit.Framework.Test]
    public void LostUpdateIsFoundAndItsBugFileReplays()
    {
        var outcome = Explorer.Explore(new LostUpdateToy(), new ExploreOptions(200, 3, Strategy.Random, _out));
        Assert.That(outcome.BugFound, Is.True, "Coyote should find the lost update");
        Assert.That(outcome.FailingInvariant, Is.EqualTo("toy-lost-update"));
        Assert.That(File.Exists(outcome.BugFilePath), Is.True);
        Assert.That(File.ReadAllText(outcome.ReportPath!), Does.Contain("```mermaid"));

        var bug = BugFile.Load(outcome.BugFilePath!);
        for (var i = 0; i < 5; i++)
        {
            var replay = Explorer.Replay(bug, name => name == "toy-lost-update" ? new LostUpdateToy() : null);
            Assert.That(replay.Reproduced, Is.True, $"replay {i} did not reproduce");
            Assert.That(replay.FailingInvariant, Is.EqualTo("toy-lost-update"));
        }
    }

    [NUnit.Framework.Test]
    public void VirtualTimeoutRaceIsExploredBothWays()
    {
        var outcome = Explorer.Explore(new ClockRaceToy(), new ExploreOptions(200, 11, Strategy.Random, _out));
        Assert.That(outcome.BugFound, Is.True, "the timeout-before-reply interleaving should be reachable");
        Assert.That(outcome.FailingInvariant, Is.EqualTo("toy-timeout-first"));
    }

    [NUnit.Framework.Test]
    public void SameSeedGivesSameEventLogs()
    {
        var outcome = Explorer.Explore(new ActorCounterToy(), new ExploreOptions(30, 5, Strategy.Random, _out, CheckDeterminism: true));
        Assert.That(outcome.BugFound, Is.False, outcome.Message);
    }
}
