using Delight.Runtime.Agents;
using Delight.Runtime.Mutants;
using Delight.Sim.Exploration;
using Delight.Sim.Fakes;
using Delight.Sim.Fakes.Twins;
using Delight.Sim.Swarm;

namespace Delight.Agents.Tests.Twins;

/// <summary>
/// A twin outside Coyote: a fresh <see cref="SimContext"/> (its random source is Coyote's generator, unseeded outside
/// a test run, so only timings vary; a quiet swarm, no monitors) and a hand-driven virtual clock. Waiting fires the
/// earliest timer, one at a time with a short real pause between so the twin's continuations run first, until the
/// condition holds. The permission timeout is far away, so it fires only when a script waits for it.
/// </summary>
internal sealed class TwinRig : EngineRig
{
    private readonly TwinEngine _twin;

    public TwinRig(EngineKind kind, AgentScript? script = null)
        : base("twin")
    {
        Context = SimContext.Create("twin-conformance-" + kind, Mutant.None, SwarmProfile.None, registerMonitors: false);
        _twin = EngineTwins.Create(kind, Context, Host, script ?? new AgentScript { PermissionTimeout = TimeSpan.FromDays(1) });
    }

    public SimContext Context { get; }

    public TwinEngine Twin => _twin;

    public override IAgentEngine Engine => _twin;

    public override Task UntilAsync(Func<bool> condition, string what) =>
        PollAsync(condition, what, Host, async () =>
        {
            await Task.Delay(15).ConfigureAwait(false);
            if (!condition())
            {
                Context.Clock.TryFireNext();
            }
        });

    public override async Task SettleAsync()
    {
        for (var quiet = 0; quiet < 3;)
        {
            await Task.Delay(15).ConfigureAwait(false);
            quiet = Context.Clock.TryFireNext() ? 0 : quiet + 1;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        var dispose = _twin.DisposeAsync().AsTask();
        await UntilAsync(() => dispose.IsCompleted, "twin disposed").ConfigureAwait(false);
        await dispose.ConfigureAwait(false);
    }
}
