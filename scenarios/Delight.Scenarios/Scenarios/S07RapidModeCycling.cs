using Delight.Runtime.Agents;
using Delight.Scenarios.World;
using Delight.Sim.Exploration;
using Delight.Sim.Swarm;
using static Delight.Sim.Invariants.InvariantNames;

namespace Delight.Scenarios.Scenarios;

/// <summary>S7: the desktop and the phone flip modes rapidly while stopped runners report their exits late and
/// runners may crash, and the desktop user presses space twice at a moment of Coyote's choosing (a takeback while the
/// remote runner runs). An exit is never attributed to a newer runner; at most one runner is alive; the takeback watcher
/// reads the terminal exactly while the remote runner runs.</summary>
public sealed class S07RapidModeCycling : Scenario
{
    public override string Name => "s7-rapid-mode-cycling";

    public override string Description => "local/remote cycling from two sides with late exit delivery";

    public override IReadOnlyList<string> Invariants => [AtMostOneRunner, SwitchEventuallyReplied, TakebackWatcherFollowsRemote, ScenarioOracle];

    public override SwarmProfile Profile => SwarmProfile.Delay | SwarmProfile.AgentCrash | SwarmProfile.Backpressure;

    protected override WorldOptions Options(SimContext context) =>
        new() { Agent = new() { LateExitDelivery = true } };

    protected override async Task DriveAsync(SimWorld world)
    {
        var desktop = Task.Run(async () =>
        {
            await world.DesktopSwitchAsync(AgentMode.Remote).ConfigureAwait(false);
            await world.DesktopSwitchAsync(AgentMode.Local).ConfigureAwait(false);
            await world.DesktopSwitchAsync(AgentMode.Remote).ConfigureAwait(false);
        });
        var phone = Task.Run(async () =>
        {
            await world.Phone.SwitchAsync("local").ConfigureAwait(false);
            await world.Phone.SwitchAsync("remote").ConfigureAwait(false);
        });
        var keys = Task.Run(() => world.Desktop.PressTakebackAsync());
        await Delight.Runtime.Actor.Awaits.AllAsync(desktop, phone, keys).ConfigureAwait(false);
    }
}
