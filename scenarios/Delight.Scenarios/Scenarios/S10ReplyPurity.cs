using Delight.Runtime.Agents;
using Delight.Scenarios.World;
using Delight.Sim.Exploration;
using Delight.Sim.Swarm;
using static Delight.Sim.Invariants.InvariantNames;

namespace Delight.Scenarios.Scenarios;

/// <summary>S10: replies, acks and decisions are effects. Whoever observes a reply (a switch, a permission decision,
/// the shutdown) finds the state it reports already committed.</summary>
public sealed class S10ReplyPurity : Scenario
{
    public override string Name => "s10-reply-purity";

    public override string Description => "every reply is observed only after its state is committed";

    public override IReadOnlyList<string> Invariants => [NoReplyBeforeCommit, PermissionResolvedOnce, StateNeverMutatedAfterCommit];

    public override SwarmProfile Profile => SwarmProfile.Delay;

    protected override WorldOptions Options(SimContext context) =>
        new() { Agent = new() { PermissionPercent = 50 } };

    protected override async Task DriveAsync(SimWorld world)
    {
        var remote = await world.DesktopSwitchAsync(AgentMode.Remote).ConfigureAwait(false);
        if (remote.Error is null)
        {
            var state = world.Session.State;
            world.Context.Invariants.Check(state.Mode == AgentMode.Remote || state.RunnerGen > 2, NoReplyBeforeCommit,
                $"switch to remote answered ok but the committed state is {state.Fsm} gen {state.RunnerGen}");
        }

        var sends = world.Phone.SendFromAllTasksAsync();
        var answers = world.Phone.AnswerPermissionsAsync(() => sends.IsCompleted && world.NoMessagesDue && world.Session.State.AgentState.Requests.Count == 0);
        var back = world.Phone.SwitchAsync("local");
        await Delight.Runtime.Actor.Awaits.AllAsync(sends, answers, back).ConfigureAwait(false);
    }
}
