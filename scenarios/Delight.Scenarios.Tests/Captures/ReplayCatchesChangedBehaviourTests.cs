using Delight.Runtime.Agents;
using Delight.Runtime.Mutants;
using Delight.Runtime.Session;
using Delight.Sim.Replay;
using NUnit.Framework;

namespace Delight.Scenarios.Tests.Captures;

/// <summary>A capture is a regression test: change the runtime's behaviour and its replay must fail, usefully.</summary>
[NonParallelizable]
public sealed class ReplayCatchesChangedBehaviourTests
{
    /// <summary>Two "take control" requests while the remote runner is starting (RUNTIME.md S3).</summary>
    private static IReadOnlyList<SessionEvent> DoubleSwitch() =>
    [
        new SocketConnected(0),
        new SwitchModeRequested(AgentMode.Remote, 1, 10),
        new SwitchModeRequested(AgentMode.Remote, 2, 12),
        new RunnerReady(2, AgentMode.Remote, 20),
        new Shutdown(3, 30),
    ];

    [NUnit.Framework.Test]
    public void The_double_switch_capture_replays_clean_on_the_runtime_that_recorded_it()
    {
        var capture = CaptureScripts.Record(DoubleSwitch()).Snapshot();
        Assert.That(CaptureReplayer.Replay(capture, "double-switch").IsClean, Is.True);
    }

    [NUnit.Framework.Test]
    public void A_runtime_whose_second_switch_orphans_the_first_diverges_at_that_switch()
    {
        var capture = CaptureScripts.Record(DoubleSwitch()).Snapshot();

        ReplayReport report;
        using (MutantSwitches.Arm(Mutant.SecondSwitchOrphansFirst))
        {
            report = CaptureReplayer.Replay(capture, "double-switch");
        }

        Assert.That(report.IsClean, Is.False, "the changed behaviour must not replay clean");
        var divergence = report.Divergence!;
        var secondSwitch = capture.Records.First(r => r.Event is SwitchModeRequested { ReplyId: 2 });
        Assert.That(divergence.InputIndex, Is.LessThanOrEqualTo(capture.Records.First(r => r.Event is RunnerReady).Index),
            "the divergence is found no later than the ready that should answer both callers");
        Assert.That(divergence.InputIndex, Is.GreaterThanOrEqualTo(secondSwitch.Index));
        Assert.That(divergence.Difference is not null || !divergence.StateDifferences.IsEmpty, Is.True,
            "the report says what differs: the commands (expected against actual) or the state fields");
        Assert.That(divergence.Preceding, Is.Not.Empty, "the report shows the records before the divergence");
    }
}
