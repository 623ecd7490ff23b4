using Delight.Runtime.Mutants;
using Delight.Scenarios;
using Delight.Sim.Cli.Commands.Explore;
using Delight.Sim.Cli.Tests.Explore;
using Delight.Sim.Exploration;
using NUnit.Framework;

namespace Delight.Sim.Cli.Tests.Shrink;

/// <summary>`explore --shrink` against a toy catalog: each hunt's first bug gets a shrunk bug file beside it, and the
/// hunt's exit code is unchanged.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ExploreShrinkTests
{
    private static readonly DiceToy Armed = new("toy-armed", 3, m => m is Mutant.ReplyBeforeCommit);

    private static readonly HuntCatalog Catalog = new(
        [Armed],
        [new MutantCatalog.Entry(Mutant.ReplyBeforeCommit, ["toy-armed"], "found by the armed toy")]);

    private string _dir = string.Empty;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("delight-sim-explore-shrink-test-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private (int Exit, string Output) Explore(bool shrink)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ExploreCommand.Run(
            new ExploreArguments("all", 20, 3, "random", _dir, false, false) { Mutant = "ReplyBeforeCommit", Shrink = shrink },
            output, error, Catalog);
        return (exit, output.ToString() + error);
    }

    [NUnit.Framework.Test]
    public void TheFirstBugIsShrunkBesideItsBugFile()
    {
        var (exit, output) = Explore(shrink: true);
        Assert.That(exit, Is.EqualTo(0), output);
        var bug = Directory.GetFiles(_dir, "*.bug.json").Single(f => !f.EndsWith(".shrunk.bug.json", StringComparison.Ordinal));
        var shrunkPath = bug[..^".bug.json".Length] + ".shrunk.bug.json";
        Assert.That(output, Does.Contain("shrinking " + Path.GetFileName(bug)).And.Contain("shrunk bug file: " + shrunkPath));
        var shrunk = BugFile.Load(shrunkPath);
        Assert.That(shrunk.SwarmPinned, Is.True);
        Assert.That(shrunk.FailingInvariant, Is.EqualTo(DiceToy.Invariant));
        Assert.That(shrunk.Swarm!.MessageCount, Is.EqualTo(1), "the toy ignores the sizes, so every size shrinks to its smallest");
        Assert.That(shrunk.Swarm.PhoneTasks, Is.EqualTo(1));
        Assert.That(shrunk.Swarm.PermissionCount, Is.EqualTo(1));
        Assert.That(shrunk.Swarm.AgentReadySteps, Is.EqualTo(0));
        Assert.That(File.Exists(bug[..^".bug.json".Length] + ".shrunk.md"), Is.True);
    }

    [NUnit.Framework.Test]
    public void WithoutTheFlagNothingIsShrunk()
    {
        var (exit, output) = Explore(shrink: false);
        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(Directory.GetFiles(_dir, "*.shrunk.*"), Is.Empty);
        Assert.That(output, Does.Not.Contain("shrinking"));
    }
}
