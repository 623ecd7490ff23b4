using Delight.Runtime.Mutants;
using Delight.Sim.Exploration;
using NUnit.Framework;

namespace Delight.Sim.Cli.Tests.Explore;

/// <summary>
/// The union of the N shards of a hunt is the unsharded hunt of the same seed: the same iterations, the same bugs at
/// the same iterations with the same event logs; and a bug a shard found replays from its bug file.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class HuntShardingTests
{
    private const int Total = 40;
    private string _dir = string.Empty;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("delight-sim-hunt-test-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private HuntOutcome Hunt(Shard shard, int maxBugs, uint seed = 7, string sub = "") =>
        Hunter.Hunt(HuntTarget.Of(DiceToy.Buggy()), new HuntOptions(Total, seed, Strategy.Random, Path.Combine(_dir, sub), shard, maxBugs));

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void TheUnionOfNShardsIsTheUnshardedRun(int count)
    {
        var whole = Hunt(Shard.Full, maxBugs: 0, sub: "whole");
        var shards = Enumerable.Range(1, count).Select(i => Hunt(new Shard(i, count), maxBugs: 0, sub: $"shard{i}")).ToList();

        Assert.That(whole.Iterations, Is.EqualTo(Enumerable.Range(1, Total)));
        Assert.That(shards.SelectMany(s => s.Iterations).Order(), Is.EqualTo(whole.Iterations));
        Assert.That(whole.Bugs, Is.Not.Empty, "a 4-sided die rolls 0 somewhere in 40 iterations");
        Assert.That(whole.Bugs.Count, Is.LessThan(Total), "and not everywhere, else the comparison proves little");
        var shardBugs = shards.SelectMany(s => s.Bugs).OrderBy(b => b.Iteration).Select(Key).ToList();
        Assert.That(shardBugs, Is.EqualTo(whole.Bugs.Select(Key).ToList()));
    }

    [NUnit.Framework.Test]
    public void StoppingAtTheFirstBugTheEarliestShardBugIsTheUnshardedFirstBug()
    {
        var whole = Hunt(Shard.Full, maxBugs: 1, sub: "whole");
        var shards = Enumerable.Range(1, 4).Select(i => Hunt(new Shard(i, 4), maxBugs: 1, sub: $"shard{i}")).ToList();
        Assert.That(whole.Bugs, Has.Count.EqualTo(1));
        Assert.That(whole.Iterations, Is.EqualTo(Enumerable.Range(1, whole.Bugs[0].Iteration)), "the run stops at its first bug");
        var earliest = shards.SelectMany(s => s.Bugs).MinBy(b => b.Iteration);
        Assert.That(Key(earliest!), Is.EqualTo(Key(whole.Bugs[0])));
        Assert.That(shards.SelectMany(s => s.Iterations), Is.SupersetOf(whole.Iterations));
    }

    [NUnit.Framework.Test]
    public void ADifferentSeedGivesADifferentRun()
    {
        var one = Hunt(Shard.Full, maxBugs: 0, seed: 7, sub: "a");
        var other = Hunt(Shard.Full, maxBugs: 0, seed: 8, sub: "b");
        Assert.That(other.Bugs.Select(b => b.Iteration), Is.Not.EqualTo(one.Bugs.Select(b => b.Iteration)));
    }

    [NUnit.Framework.Test]
    public void AShardsBugFileReplaysAndNamesItsIterationAndShard()
    {
        var shard = Hunt(new Shard(2, 3), maxBugs: 1, sub: "s");
        Assert.That(shard.Bugs, Has.Count.EqualTo(1));
        var found = shard.Bugs[0];
        Assert.That(new Shard(2, 3).Owns(found.Iteration), Is.True);
        Assert.That(Path.GetFileName(found.BugFilePath), Is.EqualTo($"toy-dice-seed7-it{found.Iteration}.bug.json"));
        Assert.That(File.ReadAllText(found.ReportPath!), Does.Contain("```mermaid").And.Contain(DiceToy.Invariant));

        var bug = BugFile.Load(found.BugFilePath!);
        Assert.That(bug.Iteration, Is.EqualTo(found.Iteration));
        Assert.That(bug.Shard, Is.EqualTo("2/3"));
        Assert.That(bug.IterationSeed, Is.EqualTo(IterationSeed.For(7, found.Iteration)));
        Assert.That(bug.FailingInvariant, Is.EqualTo(DiceToy.Invariant));
        for (var i = 0; i < 3; i++)
        {
            var replay = Explorer.Replay(bug, name => name == "toy-dice" ? DiceToy.Buggy() : null);
            Assert.That(replay.Reproduced, Is.True);
            Assert.That(replay.FailingInvariant, Is.EqualTo(DiceToy.Invariant));
        }
    }

    [NUnit.Framework.Test]
    public void AMutantHuntCyclesThroughItsScenariosAndArmsTheMutant()
    {
        var calm = new DiceToy("toy-calm", 4, _ => false);
        var armed = new DiceToy("toy-armed", 2, m => m == Mutant.AliasedState);
        var target = new HuntTarget("AliasedState", [calm, armed], Mutant.AliasedState);
        var outcome = Hunter.Hunt(target, new HuntOptions(20, 3, Strategy.Random, _dir, Shard.Full, MaxBugs: 0));
        Assert.That(outcome.Bugs, Is.Not.Empty);
        Assert.That(outcome.Bugs.Select(b => b.Scenario), Is.All.EqualTo("toy-armed"));
        Assert.That(outcome.Bugs.Select(b => b.Iteration % 2), Is.All.EqualTo(0), "iteration n runs scenario (n-1) mod 2");
        Assert.That(BugFile.Load(outcome.Bugs[0].BugFilePath!).Mutant, Is.EqualTo(nameof(Mutant.AliasedState)));
    }

    [NUnit.Framework.Test]
    public void TheDeterminismCheckPassesOnADeterministicScenario()
    {
        var outcome = Hunter.Hunt(HuntTarget.Of(new DiceToy("toy-calm", 4, _ => false)),
            new HuntOptions(10, 1, Strategy.Random, _dir, Shard.Full, CheckDeterminism: true));
        Assert.That(outcome.Bugs, Is.Empty);
        Assert.That(outcome.Iterations, Has.Count.EqualTo(10));
    }

    private static (int, string, string) Key(HuntBug bug) =>
        (bug.Iteration, bug.FailingInvariant, BugFile.Load(bug.BugFilePath!).EventLogHash);
}
