using Delight.Runtime.Agents;
using Delight.Runtime.Relay.Connections;
using Delight.Sim.Clock;
using Delight.Sim.Exploration;
using Delight.Sim.Fakes;
using Delight.Sim.Invariants;
using Delight.Sim.Invariants.Liveness;
using Delight.Sim.Network;
using Delight.Sim.StandIns.Relay;
using Delight.Sim.StandIns.Sdk;
using Delight.Sim.StandIns.Session;
using Delight.Sim.StandIns.Wire;

namespace Delight.Scenarios.World;

/// <summary>
/// One simulated world: the CLI session runtime with the scripted agent, the relay, the phone (SDK client driven by
/// the fake phone), the simulated network between them and the virtual clock. Built fresh in every iteration.
/// <see cref="RunAsync"/> drives a scenario, heals the network, lets everything converge, shuts the CLI down, checks
/// the end state and stops every task it started, so the iteration ends with nothing blocked.
/// </summary>
public sealed class SimWorld
{
    public const string SessionId = "sess-1";

    /// <summary>Virtual time allowed for convergence after the network heals.</summary>
    public static readonly TimeSpan ConvergenceBudget = TimeSpan.FromMinutes(10);

    private readonly Task _clockTask;
    private int _desktopSwitches;

    private SimWorld(SimContext context, WorldOptions options)
    {
        Context = context;
        Options = options;
        Network = new SimNetwork(context.Random, context.Clock, context.Log, context.Swarm);
        Relay = new StandInRelay(SessionId, context.Clock, context.Log, context.Invariants);
        Network.AttachRelay(Relay);
        ScriptedAgentEngine? agent = null;
        Session = new StandInSession(
            SessionId,
            Network.CreateClient("cli", HandshakeAuth.Session("sim-token-cli", SessionId)),
            new SimHttpHandler(Network, Relay, "cli"),
            host => agent = new ScriptedAgentEngine(context, host, options.Agent),
            context.Clock,
            context.Log,
            context.Invariants,
            new SessionInvariantObserver(context.Invariants));
        Agent = agent ?? throw new InvalidOperationException("the session did not create its engine");
        var client = new PhoneClient(SessionId, Network.CreateClient("phone", HandshakeAuth.User("sim-token-phone")),
            new SimHttpHandler(Network, Relay, "phone"), context.Clock, context.Log);
        Phone = new FakePhone(context, client);
        Agent.MessageDelivered += Phone.MessageSettled;
        Session.MessageReportedFailed += Phone.MessageSettled;
        _clockTask = context.ClockDriver.RunAsync();
        Session.Start();
        client.Start();
    }

    public SimContext Context { get; }

    public WorldOptions Options { get; }

    public SimNetwork Network { get; }

    public StandInRelay Relay { get; }

    public StandInSession Session { get; }

    public ScriptedAgentEngine Agent { get; }

    public FakePhone Phone { get; }

    public static async Task RunAsync(SimContext context, WorldOptions options, Func<SimWorld, Task> drive)
    {
        ArgumentNullException.ThrowIfNull(drive);
        var world = new SimWorld(context, options);
        if (options.StartLocal)
        {
            await world.DesktopSwitchAsync(AgentMode.Local).ConfigureAwait(false);
        }

        await drive(world).ConfigureAwait(false);
        await world.SettleAsync().ConfigureAwait(false);
        if (options.ShutdownAtEnd)
        {
            await world.ShutdownCliAsync().ConfigureAwait(false);
            await world.SettleAsync().ConfigureAwait(false);
        }

        world.CheckEndState();
        await world.StopAsync().ConfigureAwait(false);
    }

    /// <summary>The desktop asks for a mode (F1/F3) and waits for the reply; a liveness obligation while it waits.</summary>
    public async Task<SwitchResult> DesktopSwitchAsync(AgentMode target)
    {
        var key = $"desktop-switch-{Interlocked.Increment(ref _desktopSwitches)}";
        Context.Liveness.Open<SwitchRepliedMonitor>(key);
        Context.Log.Add("desktop", "switch", $"{key} to {target}");
        var result = await Session.SwitchAsync(target).ConfigureAwait(false);
        Context.Log.Add("desktop", "switch-reply", $"{key} {result.Mode} {result.Error ?? "ok"}");
        Context.Liveness.Close<SwitchRepliedMonitor>(key);
        return result;
    }

    /// <summary>Shutdown (F7); the reply must only come once the committed state is Closed.</summary>
    public async Task ShutdownCliAsync()
    {
        Context.Log.Add("desktop", "shutdown");
        await Session.ShutdownAsync().ConfigureAwait(false);
        var state = Session.State;
        Context.Invariants.Check(state.Fsm == SessionFsm.Closed, InvariantNames.NoReplyBeforeCommit,
            $"the shutdown reply came while the committed state is {state.Fsm}");
    }

    /// <summary>Waits on the virtual clock until <paramref name="condition"/> holds or the budget runs out.</summary>
    public async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan budget)
    {
        var deadline = Context.Clock.Elapsed + budget;
        while (!condition())
        {
            if (Context.Clock.Elapsed >= deadline)
            {
                return false;
            }

            await VirtualDelay.For(Context.Clock, TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Heals the network and waits until the CLI, the relay and the phone agree.</summary>
    public async Task SettleAsync()
    {
        Network.Heal();
        var converged = await WaitUntilAsync(Converged, ConvergenceBudget).ConfigureAwait(false);
        Context.Invariants.Check(converged, InvariantNames.ConvergesAfterHeal, $"no convergence within {ConvergenceBudget.TotalMinutes} virtual minutes: {Describe()}");
    }

    private bool Converged()
    {
        var s = Session.State;
        return s.WsConnected && !s.PersistInFlight && !s.PersistDirty
            && s.Fsm is not (SessionFsm.Closing or SessionFsm.LocalStarting or SessionFsm.RemoteStarting)
            && Relay.Version == s.AgentStateVersion
            && Phone.Client.IsConnected && Phone.Client.AgentStateVersion == Relay.Version
            && Phone.Client.LastSeq == Relay.LastSeq && Session.LastSeenSeq == Relay.LastSeq
            && Relay.Working == s.Working
            && Phone.OpenMessages == 0;
    }

    private string Describe()
    {
        var s = Session.State;
        return $"cli {s.Fsm} gen {s.Gen} v{s.AgentStateVersion} inflight={s.PersistInFlight} dirty={s.PersistDirty} ws={s.WsConnected} seq {Session.LastSeenSeq}; " +
            $"relay v{Relay.Version} seq {Relay.LastSeq} working={Relay.Working}; phone v{Phone.Client.AgentStateVersion} seq {Phone.Client.LastSeq} " +
            $"connected={Phone.Client.IsConnected} open messages {Phone.OpenMessages}";
    }

    /// <summary>End-state oracles after convergence (RUNTIME.md §9).</summary>
    public void CheckEndState()
    {
        var s = Session.State;
        var requests = string.Join(",", s.Requests.Keys);
        var shown = string.Join(",", Phone.Client.PendingPermissions);
        Context.Invariants.Check(requests == shown, InvariantNames.NoGhostPermission,
            $"the phone shows prompts [{shown}] while the session has [{requests}]");
        Context.Invariants.Check(Relay.AgentStateJson == s.DurableJson(), InvariantNames.ServerHasLatestState,
            $"relay has {Relay.AgentStateJson} but the session's latest is {s.DurableJson()}");
        Context.Invariants.Check(Relay.Working == s.Working, InvariantNames.TurnStateFollowsLatestBoundary,
            $"relay says working={Relay.Working}, session says {s.Working}");
        var alive = Agent.AliveGenerations;
        Context.Invariants.Check(alive.Count <= 1 && alive.All(g => g == s.Gen), InvariantNames.AtMostOneRunner,
            $"runners alive [{string.Join(",", alive)}] while the session is {s.Fsm} at gen {s.Gen}");
        if (s.Fsm == SessionFsm.Closed)
        {
            Context.Invariants.Check(alive.Count == 0, InvariantNames.NoRunnerAfterShutdown, $"runner gen {string.Join(",", alive)} alive after Closed");
        }

        if (s.Fsm is not (SessionFsm.Closed or SessionFsm.Closing))
        {
            var remote = s.Fsm is SessionFsm.RemoteStarting or SessionFsm.RemoteRunning;
            Context.Invariants.Check(remote == (s.Mode == AgentMode.Remote), InvariantNames.ScenarioOracle,
                $"mode {s.Mode} disagrees with {s.Fsm}");
        }
    }

    public async Task StopAsync()
    {
        await Phone.Client.StopAsync().ConfigureAwait(false);
        await Session.StopAsync().ConfigureAwait(false);
        await Relay.StopAsync().ConfigureAwait(false);
        await Network.DisposeAsync().ConfigureAwait(false);
        Context.ClockDriver.Stop();
        await _clockTask.ConfigureAwait(false);
    }
}
