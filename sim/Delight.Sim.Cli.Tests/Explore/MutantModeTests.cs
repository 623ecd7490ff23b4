using Delight.Runtime.Mutants;
using Delight.Scenarios;
using Delight.Sim.Cli.Commands.Explore;
using Delight.Sim.Exploration;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Delight.Sim.Cli.Tests.Explore;

/// <summary>`explore --mutant NAME|all` and `--shard` against a toy catalog: the table, the files, summary.json and
/// the exit codes (0 every mutant found, 1 one not found, 2 bad arguments).</summary>
[TestFixture]
[NonParallelizable]
public sealed class MutantModeTests
{
    private static readonly DiceToy Calm = new("toy-calm", 4, _ => false);
    private static readonly DiceToy Armed = new("toy-armed", 3, m => m is Mutant.ReplyBeforeCommit or Mutant.NonFifoAgentSends);

    private static readonly HuntCatalog AllFound = new(
        [Calm, Armed],
        [
            new MutantCatalog.Entry(Mutant.ReplyBeforeCommit, ["toy-calm", "toy-armed"], "found on even iterations"),
            new MutantCatalog.Entry(Mutant.NonFifoAgentSends, ["toy-armed"], "found by the armed toy"),
        ]);

    private static readonly HuntCatalog OneHole = AllFound with
    {
        Mutants = [.. AllFound.Mutants, new MutantCatalog.Entry(Mutant.AliasedState, ["toy-calm"], "a hole: never found")],
    };

    private string _dir = string.Empty;
    private StringWriter _out = new();
    private StringWriter _err = new();

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("delight-sim-mutant-test-").FullName;
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

    private int Run(HuntCatalog catalog, string mutant, int? iterations = 30, string? shard = null, string scenario = "all", long seed = 5, string? dir = null) =>
        ExploreCommand.Run(
            new ExploreArguments(scenario, iterations, seed, "random", dir ?? _dir, false, false) { Mutant = mutant, Shard = shard },
            _out, _err, catalog);

    [NUnit.Framework.Test]
    public void EveryMutantFoundPrintsTheTableAndExitsZero()
    {
        Assert.That(Run(AllFound, "all"), Is.EqualTo(0), _out + _err.ToString());
        var text = _out.ToString();
        var lines = text.Split(Environment.NewLine);
        var header = Array.FindIndex(lines, l => l.StartsWith("| mutant", StringComparison.Ordinal));
        Assert.That(header, Is.GreaterThanOrEqualTo(0), text);
        Assert.That(lines[header], Does.Match(@"^\| mutant +\| scenario +\| first found at iteration \| bug file +\|$"));
        Assert.That(lines[header + 1], Does.Match(@"^\|-+\|-+\|-+\|-+\|$"));
        Assert.That(lines[header + 1], Has.Length.EqualTo(lines[header].Length), "separator as wide as the header");
        Assert.That(lines[header + 2], Does.StartWith("| ReplyBeforeCommit ").And.Contain("| toy-armed ").And.Contain("ReplyBeforeCommit-seed5-it"));
        Assert.That(lines[header + 3], Does.StartWith("| NonFifoAgentSends ").And.Contain("| toy-armed "));
        Assert.That(lines[header + 2], Has.Length.EqualTo(lines[header].Length), "rows padded to the header's columns");
        Assert.That(lines[header + 4], Is.EqualTo("mutants found: 2/2"));
        Assert.That(text, Does.Contain("ReplyBeforeCommit: ").And.Contain("found at iteration"), "a progress line per mutant");

        var summary = HuntSummary.Load(_dir);
        Assert.That(summary.Mode, Is.EqualTo(HuntSummary.MutantMode));
        Assert.That(summary.Hunts.Select(h => h.Name), Is.EqualTo(new[] { "ReplyBeforeCommit", "NonFifoAgentSends" }));
        foreach (var hunt in summary.Hunts)
        {
            Assert.That(hunt.Bugs, Has.Count.EqualTo(1), hunt.Name);
            Assert.That(hunt.IterationsRun, Is.EqualTo(hunt.Bugs[0].Iteration), "a mutant stops at its first bug");
            var bug = BugFile.Load(Path.Combine(_dir, hunt.Bugs[0].BugFile!));
            Assert.That(bug.Mutant, Is.EqualTo(hunt.Name), "the header names the mutant, so replay-bug re-arms it");
            Assert.That(File.Exists(Path.Combine(_dir, hunt.Bugs[0].Report!)), Is.True);
            var row = lines.Single(l => l.StartsWith($"| {hunt.Name} ", StringComparison.Ordinal));
            Assert.That(row, Does.Match($@"\| {hunt.Bugs[0].Iteration} +\| {Regex.Escape(hunt.Bugs[0].BugFile!)} +\|$"));
        }

        Assert.That(summary.Hunts[0].Bugs[0].Iteration % 2, Is.EqualTo(0), "ReplyBeforeCommit is found on toy-armed, its even iterations");
    }

    [NUnit.Framework.Test]
    public void AMutantNotFoundIsReportedAndExitsOne()
    {
        Assert.That(Run(OneHole, "all"), Is.EqualTo(1), _out + _err.ToString());
        var text = _out.ToString();
        Assert.That(text, Does.Match(@"\| AliasedState +\| toy-calm +\| not found +\| - +\|"));
        Assert.That(text, Does.Contain("AliasedState: 30 iteration(s), not found"));
        Assert.That(text.TrimEnd(), Does.Contain("mutants found: 2/3"));
        Assert.That(HuntSummary.Load(_dir).Hunts.Single(h => h.Name == "AliasedState").IterationsRun, Is.EqualTo(30));
    }

    [NUnit.Framework.Test]
    public void ABugTheScenarioHasWithoutTheMutantIsNotCountedAsFindingIt()
    {
        // toy-dice fails on a 0 whatever is armed: a baseline failure, not the mutant's.
        var catalog = new HuntCatalog(
            [DiceToy.Buggy(), Armed],
            [
                new MutantCatalog.Entry(Mutant.AliasedState, ["toy-dice"], "the scenario itself is buggy"),
                new MutantCatalog.Entry(Mutant.NonFifoAgentSends, ["toy-armed"], "found by the armed toy"),
            ]);
        Assert.That(Run(catalog, "all"), Is.EqualTo(1), _out + _err.ToString());
        var text = _out.ToString();
        Assert.That(text, Does.Match(@"\| AliasedState +\| toy-dice +\| not found +\|"));
        Assert.That(text, Does.Contain("baseline: AliasedState: ").And.Contain("failed without the mutant too"));
        var first = HuntSummary.Load(_dir).Hunts.Single(h => h.Name == "AliasedState").BaselineFailures[0].Iteration;
        Assert.That(text, Does.Contain($"reproduce without the mutant: delight-sim explore --scenario toy-dice --seed 5 --iterations {first}" + Environment.NewLine));
        var reproduceDir = Path.Combine(_dir, "reproduce");
        ExploreCommand.Run(new ExploreArguments("toy-dice", first, 5, "random", reproduceDir, false, false), new StringWriter(), new StringWriter(), catalog);
        Assert.That(HuntSummary.Load(reproduceDir).Hunts.Single().Bugs.Select(b => b.Iteration), Is.EqualTo(new[] { first }), "the printed command reproduces it");
        Assert.That(text, Does.Contain("mutants found: 1/2"));
        var hunt = HuntSummary.Load(_dir).Hunts.Single(h => h.Name == "AliasedState");
        Assert.That(hunt.Bugs, Is.Empty);
        Assert.That(hunt.BaselineFailures, Is.Not.Empty);
        Assert.That(hunt.BaselineFailures.Select(b => b.FailingInvariant), Is.All.EqualTo(DiceToy.Invariant));
        Assert.That(hunt.IterationsRun, Is.EqualTo(30), "baseline failures do not stop the hunt");
        Assert.That(Directory.GetFiles(_dir, "toy-dice-*.bug.json"), Is.Empty);
    }

    [NUnit.Framework.Test]
    public void OneMutantByNameRunsOnlyItsOwnScenarios()
    {
        Assert.That(Run(OneHole, "nonfifoagentsends"), Is.EqualTo(0), _out + _err.ToString());
        Assert.That(_out.ToString(), Does.Contain("mutants found: 1/1").And.Not.Contain("AliasedState"));
        Assert.That(Run(OneHole, "AliasedState"), Is.EqualTo(1));
        Assert.That(Run(OneHole, "AliasedState", scenario: "toy-armed"), Is.EqualTo(1), "toy-armed is not buggy for AliasedState");
        Assert.That(Run(OneHole, "NonFifoAgentSends", scenario: "toy-calm"), Is.EqualTo(1), "--scenario overrides the catalog");
    }

    [TestCase("NoSuchMutant", null, "unknown mutant")]
    [TestCase("None", null, "unknown mutant")]
    [TestCase("GhostPermissionPrompts", null, "unknown mutant")]
    [TestCase("all", "0/4", "--shard")]
    [TestCase("all", "5/4", "--shard")]
    [TestCase("all", "x", "--shard")]
    public void BadArgumentsExitTwo(string mutant, string? shard, string message)
    {
        Assert.That(Run(OneHole, mutant, shard: shard), Is.EqualTo(2));
        Assert.That(_err.ToString(), Does.Contain(message));
        Assert.That(File.Exists(Path.Combine(_dir, HuntSummary.FileName)), Is.False, "nothing ran");
    }

    [NUnit.Framework.Test]
    public void ACatalogNamingAnUnknownScenarioExitsTwo()
    {
        var broken = AllFound with { Mutants = [new MutantCatalog.Entry(Mutant.AliasedState, ["no-such-scenario"], "broken")] };
        Assert.That(Run(broken, "all"), Is.EqualTo(2));
        Assert.That(_err.ToString(), Does.Contain("no-such-scenario"));
    }

    [NUnit.Framework.Test]
    public void ListWithMutantListsEveryMutantAndItsScenarios()
    {
        Assert.That(ExploreCommand.Run(new ExploreArguments("all", null, 1, "random", _dir, false, true) { Mutant = "all" }, _out, _err, OneHole), Is.EqualTo(0));
        Assert.That(_out.ToString(), Does.Contain("AliasedState").And.Contain("a hole: never found").And.Contain("toy-calm, toy-armed"));
    }

    [NUnit.Framework.Test]
    public void AShardedMutantRunWritesItsShardIntoTheSummary()
    {
        var code = Run(AllFound, "all", iterations: 30, shard: "2/3");
        Assert.That(code, Is.AnyOf(0, 1), _err.ToString());
        var summary = HuntSummary.Load(_dir);
        Assert.That((summary.ShardIndex, summary.ShardCount), Is.EqualTo((2, 3)));
        foreach (var bug in summary.Hunts.SelectMany(h => h.Bugs))
        {
            Assert.That(new Shard(2, 3).Owns(bug.Iteration), Is.True);
        }

        Assert.That(_out.ToString(), Does.Contain("shard 2/3"));
    }

    [NUnit.Framework.Test]
    public void TheRealCatalogHasAMutantTableRowForEveryMutant()
    {
        Assert.That(ExploreCommand.Run(new ExploreArguments("all", null, 1, "random", _dir, false, true) { Mutant = "all" }, _out, _err), Is.EqualTo(0));
        foreach (var mutant in Enum.GetValues<Mutant>().Where(m => m != Mutant.None))
        {
            Assert.That(_out.ToString(), Does.Contain(mutant.ToString()));
        }
    }
}
