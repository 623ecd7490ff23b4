using System.Text.Json;
using Delight.Sim.Cli.Commands.Explore;
using Delight.Sim.Cli.Commands.Merge;
using Delight.Sim.Cli.Tests.Explore;
using Delight.Sim.Exploration;
using NUnit.Framework;

namespace Delight.Sim.Cli.Tests.Merge;

/// <summary>`delight-sim merge`: shards of a toy hunt joined (and equal to the unsharded run), and the refusals:
/// missing, duplicated and mismatched shards, unreadable summaries.</summary>
[TestFixture]
[NonParallelizable]
public sealed class MergeCommandTests
{
    private static readonly HuntCatalog Toys = new([DiceToy.Buggy(), new DiceToy("toy-calm", 4, _ => false)], []);

    private string _dir = string.Empty;
    private StringWriter _out = new();
    private StringWriter _err = new();

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("delight-sim-merge-test-").FullName;
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

    private string Explore(string name, string? shard, long seed = 11, int maxBugs = 0, string scenario = "all")
    {
        var dir = Path.Combine(_dir, name);
        var code = ExploreCommand.Run(
            new ExploreArguments(scenario, 24, seed, "random", dir, false, false) { Shard = shard, MaxBugs = maxBugs }, _out, _err, Toys);
        Assert.That(code, Is.AnyOf(0, 1), _err.ToString());
        return dir;
    }

    private int Merge(string? outDir, params string[] dirs) => MergeCommand.Run(dirs, outDir, _out, _err);

    [NUnit.Framework.Test]
    public void ShardsMergeIntoTheUnshardedRun()
    {
        var whole = HuntSummary.Load(Explore("whole", null));
        var shards = Enumerable.Range(1, 3).Select(i => Explore($"shard{i}", $"{i}/3")).ToArray();
        var merged = Path.Combine(_dir, "merged");

        Assert.That(Merge(merged, shards), Is.EqualTo(1), _out + _err.ToString());
        var result = JsonSerializer.Deserialize<MergedSummary>(File.ReadAllText(Path.Combine(merged, HuntSummary.FileName)), BugFile.Json)!;
        Assert.That(result.Format, Is.EqualTo(MergedSummary.CurrentFormat));
        Assert.That(result.ShardCount, Is.EqualTo(3));
        Assert.That(result.Hunts.Select(h => h.Name), Is.EqualTo(whole.Hunts.Select(h => h.Name)));
        foreach (var hunt in result.Hunts)
        {
            var unsharded = whole.Hunts.Single(h => h.Name == hunt.Name);
            Assert.That(hunt.IterationsRun, Is.EqualTo(24).And.EqualTo(unsharded.IterationsRun), hunt.Name);
            Assert.That(hunt.Bugs.Select(b => (b.Iteration, b.FailingInvariant)), Is.EqualTo(unsharded.Bugs.Select(b => (b.Iteration, b.FailingInvariant))), hunt.Name);
            foreach (var bug in hunt.Bugs)
            {
                Assert.That(File.Exists(Path.Combine(merged, bug.BugFile!)), Is.True, "bug files copied beside the merged summary");
                Assert.That(File.Exists(Path.Combine(merged, bug.Report!)), Is.True);
                Assert.That(new Shard(int.Parse(bug.Shard.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture), 3).Owns(bug.Iteration), Is.True);
            }
        }

        Assert.That(result.Hunts.Single(h => h.Name == "toy-dice").Bugs, Is.Not.Empty);
        Assert.That(result.Hunts.Single(h => h.Name == "toy-calm").Bugs, Is.Empty);
        Assert.That(_out.ToString(), Does.Contain("| toy-dice | toy-dice | 24/24 |").And.Contain("| toy-calm | toy-calm | 24/24 | 0 | - |"));
        Assert.That(_out.ToString(), Does.Contain("total: 48 iteration(s)"));
    }

    [NUnit.Framework.Test]
    public void NoBugMergesWithExitZeroWithoutAnOutFolder()
    {
        var shards = Enumerable.Range(1, 2).Select(i => Explore($"shard{i}", $"{i}/2", scenario: "toy-calm")).ToArray();
        Assert.That(Merge(null, shards), Is.EqualTo(0), _out + _err.ToString());
        Assert.That(_out.ToString(), Does.Contain("total: 24 iteration(s), 0 bug(s)"));
    }

    [NUnit.Framework.Test]
    public void ShardsThatStoppedAtTheirFirstBugMerge()
    {
        var shards = Enumerable.Range(1, 2).Select(i => Explore($"shard{i}", $"{i}/2", maxBugs: 1, scenario: "toy-dice")).ToArray();
        Assert.That(Merge(null, shards), Is.EqualTo(1), _out + _err.ToString());
        Assert.That(_out.ToString(), Does.Contain("BUG toy-dice: toy-dice at iteration"));
    }

    [NUnit.Framework.Test]
    public void AMissingShardIsRefused()
    {
        var shards = Enumerable.Range(1, 3).Select(i => Explore($"shard{i}", $"{i}/3")).ToArray();
        Assert.That(Merge(null, shards[0], shards[2]), Is.EqualTo(2));
        Assert.That(_err.ToString(), Does.Contain("missing shard(s) 2/3"));
    }

    [NUnit.Framework.Test]
    public void ADuplicatedShardIsRefused()
    {
        var one = Explore("a", "1/2");
        var again = Explore("b", "1/2");
        var two = Explore("c", "2/2");
        Assert.That(Merge(null, one, again, two), Is.EqualTo(2));
        Assert.That(_err.ToString(), Does.Contain("duplicated shard 1/2"));
    }

    [NUnit.Framework.Test]
    public void AMismatchedSeedIsRefused()
    {
        var one = Explore("a", "1/2", seed: 11);
        var two = Explore("b", "2/2", seed: 12);
        Assert.That(Merge(null, one, two), Is.EqualTo(2));
        Assert.That(_err.ToString(), Does.Contain("mismatched seed: 11").And.Contain("12"));
    }

    [NUnit.Framework.Test]
    public void MismatchedConfigurationsAreRefused()
    {
        var one = Explore("a", "1/2");
        var otherCount = Explore("b", "2/3");
        Assert.That(Merge(null, one, otherCount), Is.EqualTo(2));
        Assert.That(_err.ToString(), Does.Contain("mismatched shard count"));

        var otherHunts = Explore("c", "2/2", scenario: "toy-calm");
        Assert.That(Merge(null, one, otherHunts), Is.EqualTo(2));
        Assert.That(_err.ToString(), Does.Contain("mismatched hunts"));
    }

    [NUnit.Framework.Test]
    public void ATruncatedShardIsRefused()
    {
        var one = Explore("a", "1/2");
        var two = Explore("b", "2/2");
        var summary = HuntSummary.Load(two);
        var truncated = summary with { Hunts = [.. summary.Hunts.Select(h => h with { IterationsRun = h.IterationsRun - 1, Bugs = [] })] };
        truncated.Save(two);
        Assert.That(Merge(null, one, two), Is.EqualTo(2));
        Assert.That(_err.ToString(), Does.Contain("ran 11 of shard 2/2's 12 iteration(s)"));
    }

    [NUnit.Framework.Test]
    public void UnreadableInputsAreRefused()
    {
        Assert.That(Merge(null, Path.Combine(_dir, "nowhere")), Is.EqualTo(2));
        Assert.That(_err.ToString(), Does.Contain("cannot read"));
        var garbage = Path.Combine(_dir, "garbage");
        Directory.CreateDirectory(garbage);
        File.WriteAllText(Path.Combine(garbage, HuntSummary.FileName), "{ nope");
        Assert.That(Merge(null, garbage), Is.EqualTo(2));
        File.WriteAllText(Path.Combine(garbage, HuntSummary.FileName), "{\"format\":\"something-else\"}");
        Assert.That(Merge(null, garbage), Is.EqualTo(2));
        Assert.That(_err.ToString(), Does.Contain("is not a hunt summary"));
    }

    [NUnit.Framework.Test]
    public void MutantShardsMergeWithSuccessMeaningEveryMutantFound()
    {
        var armed = new DiceToy("toy-armed", 3, m => m == Runtime.Mutants.Mutant.ReplyBeforeCommit);
        var calm = new DiceToy("toy-calm", 4, _ => false);
        var found = new Scenarios.MutantCatalog.Entry(Runtime.Mutants.Mutant.ReplyBeforeCommit, ["toy-armed"], "found");
        var hole = new Scenarios.MutantCatalog.Entry(Runtime.Mutants.Mutant.AliasedState, ["toy-calm"], "never found");
        string[] Hunt(string name, params Scenarios.MutantCatalog.Entry[] mutants) =>
        [
            .. Enumerable.Range(1, 2).Select(i =>
            {
                var dir = Path.Combine(_dir, $"{name}{i}");
                ExploreCommand.Run(new ExploreArguments("all", 30, 3, "random", dir, false, false) { Mutant = "all", Shard = $"{i}/2" },
                    _out, _err, new HuntCatalog([armed, calm], mutants));
                return dir;
            }),
        ];

        Assert.That(Merge(null, Hunt("found", found)), Is.EqualTo(0), _out + _err.ToString());
        Assert.That(_out.ToString(), Does.Contain("mutants found: 1/1"));
        Assert.That(Merge(null, Hunt("hole", found, hole)), Is.EqualTo(1), _out + _err.ToString());
        Assert.That(_out.ToString(), Does.Contain("mutants found: 1/2"));
    }

    [NUnit.Framework.Test]
    public void CommandLineParsingReachesMerge()
    {
        Assert.That(Program.BuildRoot().Parse(["merge", Path.Combine(_dir, "nowhere")]).Invoke(), Is.EqualTo(2));
    }
}
