using Delight.Scenarios.Scenarios;
using Delight.Sim.Exploration;
using NUnit.Framework;

namespace Delight.Scenarios.Tests.Scenarios;

/// <summary>
/// One Coyote exploration per RUNTIME.md §9 scenario, on rewritten assemblies, within the CI budget. A failure prints
/// the failing invariant and the bug file to replay with `delight-sim replay-bug`.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ScenarioTests
{
    /// <summary>Fixed so CI is reproducible; explore other seeds with `delight-sim explore --seed`.</summary>
    public const uint CiSeed = 20260101;

    private static readonly string OutDirectory = Path.Combine(Path.GetTempPath(), "delight-sim-scenario-bugs");

    public static IEnumerable<TestCaseData> AllScenarios() =>
        ScenarioCatalog.All.Select(s => new TestCaseData(s).SetName($"Scenario_{s.Name}_finds_no_bug"));

    [OneTimeSetUp]
    public void OptOut() => Explorer.OptOutOfTelemetry();

    [NUnit.Framework.Test]
    [TestCaseSource(nameof(AllScenarios))]
    public void ScenarioFindsNoBug(Scenario scenario)
    {
        var outcome = Explorer.Explore(scenario, new ExploreOptions(scenario.DefaultIterations, CiSeed, Strategy.Random, OutDirectory));
        Assert.That(outcome.BugFound, Is.False,
            $"{scenario.Name}: invariant '{outcome.FailingInvariant}' broke at iteration {outcome.BugIteration}.{Environment.NewLine}" +
            $"bug file: {outcome.BugFilePath}{Environment.NewLine}report: {outcome.ReportPath}{Environment.NewLine}{outcome.Message}");
        Assert.That(outcome.IterationsRun, Is.EqualTo((int)scenario.DefaultIterations));
    }

    [NUnit.Framework.Test]
    public void EveryScenarioNamesTheInvariantsItChecks()
    {
        Assert.That(ScenarioCatalog.All, Has.Count.GreaterThanOrEqualTo(10));
        Assert.That(ScenarioCatalog.All.Select(s => s.Name), Is.Unique);
        foreach (var scenario in ScenarioCatalog.All)
        {
            Assert.That(scenario.Invariants, Is.Not.Empty, scenario.Name);
        }
    }

    [NUnit.Framework.Test]
    public void SameSeedTwiceGivesTheSameEventLogs()
    {
        var outcome = Explorer.Explore(new S01TwoQuickMessages(), new ExploreOptions(10, 99, Strategy.Random, OutDirectory, CheckDeterminism: true));
        Assert.That(outcome.FailingInvariant, Is.Not.EqualTo(Sim.Invariants.InvariantNames.HarnessDeterminism), outcome.Message);
        Assert.That(outcome.BugFound, Is.False, outcome.Message);
    }
}
