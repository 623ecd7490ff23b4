using Delight.Runtime.Agents;
using Delight.Scenarios.World;
using Delight.Sim.Clock;
using Delight.Sim.Exploration;
using Delight.Sim.Swarm;
using static Delight.Sim.Invariants.InvariantNames;

namespace Delight.Scenarios.Scenarios;

/// <summary>S9: Shutdown races phone messages, switches and a Ready still in flight. Closing and Closed are absorbing:
/// nothing restarts a runner, every caller gets an answer, and the CLI ends Closed with no runner alive.</summary>
public sealed class S09ShutdownRaces : Scenario
{
    public override string Name => "s9-shutdown-races";

    public override string Description => "shutdown racing inbound messages, switches and in-flight starts";

    public override IReadOnlyList<string> Invariants => [NoRunnerAfterShutdown, SwitchEventuallyReplied, MessageEventuallySettled];

    public override SwarmProfile Profile => SwarmProfile.Delay | SwarmProfile.Duplicate;

    protected override WorldOptions Options(SimContext context) =>
        new() { Agent = new() { LateExitDelivery = context.Random.NextBool() } };

    protected override async Task DriveAsync(SimWorld world)
    {
        var phoneSwitch = Task.Run(() => world.Phone.SwitchAsync("remote"));
        var sends = Task.Run(() => world.Phone.SendFromAllTasksAsync());
        var desktopSwitch = Task.Run(() => world.DesktopSwitchAsync(AgentMode.Remote));
        var shutdown = Task.Run(async () =>
        {
            await VirtualDelay.For(world.Context.Clock, TimeSpan.FromMilliseconds(100 * world.Context.Random.NextInt(8))).ConfigureAwait(false);
            await world.ShutdownCliAsync().ConfigureAwait(false);
        });
        await Delight.Runtime.Actor.Awaits.AllAsync(phoneSwitch, sends, desktopSwitch, shutdown).ConfigureAwait(false);
    }
}
