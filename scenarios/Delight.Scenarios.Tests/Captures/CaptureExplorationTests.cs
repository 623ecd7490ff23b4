using Delight.Runtime.Capture;
using Delight.Runtime.Mutants;
using Delight.Sim.Exploration;
using Delight.Sim.Replay;
using NUnit.Framework;

namespace Delight.Scenarios.Tests.Captures;

/// <summary>`replay --explore`: a capture re-interleaved across its sources under Coyote, on the real reducer and loop.</summary>
[NonParallelizable]
public sealed class CaptureExplorationTests
{
    private static CaptureExplorationScenario Scenario(string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "captures", name + ".jsonl");
        return new CaptureExplorationScenario(path, CaptureReader.ReadFile(path));
    }

    private static string Out => Path.Combine(Path.GetTempPath(), "delight-capture-explore-tests");

    [NUnit.Framework.Test]
    public void Our_runtime_keeps_every_invariant_in_every_explored_interleaving()
    {
        var outcome = Explorer.Explore(Scenario("two-quick-phone-messages"), new ExploreOptions(60, 7, Strategy.Random, Out));
        Assert.That(outcome.BugFound, Is.False, outcome.Message);
        Assert.That(outcome.IterationsRun, Is.EqualTo(60));
    }

    [NUnit.Framework.Test]
    public void A_runtime_that_restarts_a_runner_after_shutdown_is_caught_by_re_interleaving_the_capture()
    {
        // Recorded, the shutdown came last; re-interleaved, a phone message can arrive after it. The mutant lets that
        // message start a runner again (RUNTIME.md 3.10-D); the exploration must find it.
        var outcome = Explorer.Explore(Scenario("two-quick-phone-messages"),
            new ExploreOptions(200, 7, Strategy.Random, Out, Mutant: Mutant.RunnerRestartedWhileClosing));
        Assert.That(outcome.BugFound, Is.True, "the seeded defect was not found");
        Assert.That(outcome.FailingInvariant, Is.EqualTo(ReplayInvariants.NoStartAfterShutdown), outcome.Message);
        Assert.That(File.Exists(outcome.BugFilePath), Is.True, "a bug file is written");

        var replayed = Explorer.Replay(BugFile.Load(outcome.BugFilePath!), CaptureExplorationScenario.TryLoad);
        Assert.That(replayed.Reproduced, Is.True, "the bug file names its capture and replays exactly");
        Assert.That(replayed.FailingInvariant, Is.EqualTo(ReplayInvariants.NoStartAfterShutdown));
    }
}
