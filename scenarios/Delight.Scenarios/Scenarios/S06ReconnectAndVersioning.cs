using Delight.Scenarios.World;
using Delight.Sim.Exploration;
using Delight.Sim.Swarm;
using static Delight.Sim.Invariants.InvariantNames;

namespace Delight.Scenarios.Scenarios;

/// <summary>S6: disconnects, ack loss and a relay restart while prompts and model changes alter the durable agent state.
/// The server ends with the latest JSON and the agent-state version never decreases, in the CLI or on the phone.</summary>
public sealed class S06ReconnectAndVersioning : Scenario
{
    public override string Name => "s6-reconnect-and-versioning";

    public override string Description => "persists across disconnects, ack loss and a relay restart";

    public override IReadOnlyList<string> Invariants => [AgentStateVersionMonotonic, ServerHasLatestState, ConvergesAfterHeal, OnlineFollowsSessionSocket, RpcReachesSession];

    public override SwarmProfile Profile => SwarmProfile.Network | SwarmProfile.RelayRestart | SwarmProfile.HttpFaults;

    protected override WorldOptions Options(SimContext context) =>
        new() { Agent = new() { PermissionPercent = 50 } };

    protected override async Task DriveAsync(SimWorld world)
    {
        await world.Phone.SwitchAsync("remote").ConfigureAwait(false);
        var sends = world.Phone.SendFromAllTasksAsync();
        var answers = world.Phone.AnswerPermissionsAsync(() => sends.IsCompleted && world.NoMessagesDue && world.Session.State.AgentState.Requests.Count == 0);
        if (world.Context.Random.Chance(Math.Max(world.Context.Swarm.RelayRestartPercent * 5, 0)))
        {
            await world.Network.RestartRelayAsync().ConfigureAwait(false);
        }

        // The user changes the model meanwhile: each change is persisted at once, racing the debounced persists of the
        // prompts (S6 step 4: two persists close together). Half the runs with several changes start them together,
        // so a change is reduced while the previous one's persist is in flight (S6 step 4's two persists in flight).
        var changes = world.Context.Random.Between(1, 3);
        var atOnce = changes > 1 && world.Context.Random.NextBool();
        var models = world.ChangeModelsAsync(changes, atOnce);
        await Delight.Runtime.Actor.Awaits.AllAsync(sends, answers, models).ConfigureAwait(false);

        // Once the rest has settled, two screens change the model at once: no later persist can hide a change lost
        // while the previous persist was in flight (S6 step 4 at the end of the run).
        await world.ChangeModelsAsync(2, atOnce: true).ConfigureAwait(false);
    }
}
