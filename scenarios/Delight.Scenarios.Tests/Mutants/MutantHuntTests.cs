using Delight.Runtime.Mutants;
using Delight.Sim.Exploration;
using NUnit.Framework;

namespace Delight.Scenarios.Tests.Mutants;

/// <summary>
/// Each seeded mutant must be found by its own scenario(s) within the CI budget (the same hunt as
/// `delight-sim explore --mutant NAME --iterations 300 --seed 20260101`). A mutant not found is a hole in the harness
/// to fix, not a test to loosen.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MutantHuntTests
{
    /// <summary>Iterations per mutant (issue 5: every mutant found at 300).</summary>
    public const int CiIterations = 300;

    public const uint CiSeed = 20260101;

    private static readonly string OutDirectory = Path.Combine(Path.GetTempPath(), "delight-sim-mutant-bugs");

    public static IEnumerable<TestCaseData> AllMutants() =>
        MutantCatalog.All.Select(e => new TestCaseData(e).SetName($"Mutant_{e.Mutant}_is_found_by_{string.Join("_or_", e.Scenarios)}"));

    [OneTimeSetUp]
    public void OptOut() => Explorer.OptOutOfTelemetry();

    [NUnit.Framework.Test]
    [TestCaseSource(nameof(AllMutants))]
    public void MutantIsFound(MutantCatalog.Entry entry)
    {
        var scenarios = entry.Scenarios.Select(n => ScenarioCatalog.Find(n) ?? throw new InvalidOperationException($"unknown scenario {n}")).ToList();
        var target = new HuntTarget(entry.Mutant.ToString(), scenarios, entry.Mutant);
        var outcome = Hunter.Hunt(target, new HuntOptions(CiIterations, CiSeed, Strategy.Random, OutDirectory, Shard.Full) { BaselineCheck = true });

        Assert.That(outcome.FirstBug, Is.Not.Null,
            $"{entry.Mutant} was not found by {string.Join(", ", entry.Scenarios)} in {CiIterations} iterations (seed {CiSeed}): {entry.Why}" +
            (outcome.BaselineFailures.Count == 0 ? string.Empty
                : $"; {outcome.BaselineFailures.Count} iteration(s) failed without the mutant too, first {outcome.BaselineFailures[0].Scenario} " +
                  $"iteration {outcome.BaselineFailures[0].Iteration}: {outcome.BaselineFailures[0].Message}"));
        var bug = outcome.FirstBug!;
        Assert.That(bug.FailingInvariant, Is.Not.EqualTo(Sim.Invariants.InvariantNames.HarnessDeterminism), bug.Message);
        Assert.That(BugFile.Load(bug.BugFilePath!).Mutant, Is.EqualTo(entry.Mutant.ToString()));
        TestContext.Out.WriteLine($"{entry.Mutant}: found at iteration {bug.Iteration} by {bug.Scenario} ({bug.FailingInvariant}); {bug.BugFilePath}");
    }

    [NUnit.Framework.Test]
    public void NoMutantIsMissingFromTheHunt() =>
        Assert.That(AllMutants().Count(), Is.EqualTo(Enum.GetValues<Mutant>().Length - 1));
}
