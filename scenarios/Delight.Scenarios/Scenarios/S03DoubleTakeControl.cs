using Delight.Runtime.Agents;
using Delight.Scenarios.World;
using Delight.Sim.Exploration;
using Delight.Sim.Swarm;
using static Delight.Sim.Invariants.InvariantNames;

namespace Delight.Scenarios.Scenarios;

/// <summary>S3: two "take control" calls race while the remote runner starts, and replaced runners report their exit
/// late. Both callers get a reply, and a late exit of a replaced runner never causes a fallback (3.10-A, 3.10-B).</summary>
public sealed class S03DoubleTakeControl : Scenario
{
    public override string Name => "s3-double-take-control";

    public override string Description => "two take-control RPCs race a slow remote start; late exits of replaced runners";

    public override IReadOnlyList<string> Invariants => [SwitchEventuallyReplied, AtMostOneRunner, ScenarioOracle];

    public override SwarmProfile Profile => SwarmProfile.Delay | SwarmProfile.Duplicate;

    protected override WorldOptions Options(SimContext context) =>
        new() { Agent = new() { LateExitDelivery = true } };

    protected override async Task DriveAsync(SimWorld world)
    {
        var first = Task.Run(() => world.Phone.SwitchAsync("remote"));
        var second = Task.Run(() => world.Phone.SwitchAsync("remote"));
        var desktop = Task.Run(() => world.DesktopSwitchAsync(AgentMode.Remote));
        var results = await Delight.Runtime.Actor.Awaits.AllAsync(first, second, desktop).ConfigureAwait(false);
        await world.WaitUntilAsync(() => world.Session.State.Fsm != Runtime.Session.FsmState.RemoteStarting, TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        // Nothing crashes in this scenario, so once every caller was answered "remote" it must stay remote.
        if (results.All(r => r.Error is null))
        {
            var state = world.Session.State;
            world.Context.Invariants.Check(state.Mode == AgentMode.Remote, ScenarioOracle,
                $"every switch answered remote, yet the session fell back to {state.Mode} ({state.Fsm}, gen {state.RunnerGen})");
        }
    }
}
