using Delight.Scenarios.World;
using Delight.Sim.Exploration;
using Delight.Sim.Swarm;
using static Delight.Sim.Invariants.InvariantNames;

namespace Delight.Scenarios.Scenarios;

/// <summary>S2: phone messages arrive while the desktop is in control; the automatic handoff's remote start may fail.
/// Each message is delivered once or reported failed, and mode, FSM and runners agree (RUNTIME.md 3.10-C).</summary>
public sealed class S02MessageWhileLocalFailingStart : Scenario
{
    public override string Name => "s2-message-while-local-failing-start";

    public override string Description => "phone messages while local trigger a handoff whose remote start may fail";

    public override IReadOnlyList<string> Invariants => [PhoneMessagesAtMostOnceInOrder, MessageEventuallySettled, AtMostOneRunner, ScenarioOracle];

    public override SwarmProfile Profile => SwarmProfile.Network | SwarmProfile.AgentNeverReady;

    protected override WorldOptions Options(SimContext context) =>
        new() { Agent = new() { RemoteStartFailurePercent = 50 } };

    protected override Task DriveAsync(SimWorld world) => world.Phone.SendFromAllTasksAsync();
}
