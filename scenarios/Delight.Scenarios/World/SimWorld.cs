using Delight.Runtime.Actor;
using Delight.Runtime.Agents;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Relay;
using Delight.Runtime.Relay.Auth;
using Delight.Runtime.Relay.Connections;
using Delight.Runtime.Relay.Http;
using Delight.Runtime.Relay.State;
using Delight.Runtime.Relay.Storage;
using Delight.Runtime.Sdk;
using Delight.Runtime.Session;
using Delight.Sim.Clock;
using Delight.Sim.Exploration;
using Delight.Sim.Fakes;
using Delight.Sim.Fakes.Twins;
using Delight.Sim.Invariants;
using Delight.Sim.Invariants.Liveness;
using Delight.Sim.Invariants.Observers;
using Delight.Sim.Network;
using Delight.Sim.World;

namespace Delight.Scenarios.World;

/// <summary>
/// One simulated world built from the REAL runtimes: the CLI's <see cref="SessionRuntime"/> with the scripted agent,
/// the relay's <see cref="RelayServer"/> (per-account runtime) and the phone's SDK facade (<see cref="DelightClient"/>)
/// driven by the fake phone, all on Coyote-controlled mailboxes, the virtual clock and the simulated network. Built
/// fresh in every iteration. <see cref="RunAsync"/> drives a scenario, heals the network, lets everything converge,
/// shuts the CLI down, checks the end state and stops every task it started, so the iteration ends with nothing
/// blocked.
/// </summary>
public sealed class SimWorld
{
    public const string AccountId = "acct-sim";
    public const string TerminalId = "term-sim";

    /// <summary>Virtual time allowed for convergence after the network heals.</summary>
    public static readonly TimeSpan ConvergenceBudget = TimeSpan.FromMinutes(10);

    // Clearly fake keys: the simulation's relay token key and the session's data key.
    private static readonly byte[] TokenKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly byte[] DataKey = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];

    private readonly Task _clockTask;
    private readonly HmacTokenService _tokens;
    private ScriptedAgentEngine? _agent;
    private SimSocketConnection? _cliSocket;
    private int _desktopSwitches;

    private SimWorld(SimContext context, WorldOptions options)
    {
        Context = context;
        Options = options;
        Network = new SimNetwork(context.Random, context.Clock, context.Log, context.Swarm, context.Activity);
        _tokens = new HmacTokenService(TokenKey, context.Clock);
        RelayServer = new RelayServer(
            new RelayOptions(context.Clock, context.Mailboxes, new Runtime.Relay.SequentialIdSource("c"), _tokens,
                new NoChallengeLogins(), new SimRandomBytes("relay"), new InMemoryRelayStore()),
            new RelaySafetyObserver(context.Invariants, context.Log, (id, before) => id == SessionId && _cliSocket?.LiveConnectionId is { } live && before.Connections.ContainsKey(live)));
        Relay = new RelayServerEndpoint(RelayServer, context.Log);
        Network.AttachRelay(Relay);
        _clockTask = context.ClockDriver.RunAsync();
    }

    public SimContext Context { get; }

    public WorldOptions Options { get; }

    public SimNetwork Network { get; }

    public RelayServer RelayServer { get; }

    public RelayServerEndpoint Relay { get; }

    public string SessionId { get; private set; } = string.Empty;

    /// <summary>The CLI's session runtime.</summary>
    public SessionRuntime Session { get; private set; } = null!;

    /// <summary>The desktop terminal's takeback watcher (space twice hands control back to the desktop).</summary>
    public SimTakebackWatcher Desktop { get; private set; } = null!;

    /// <summary>The engine, once the session created it (at its first runner start).</summary>
    public ScriptedAgentEngine? Agent => Volatile.Read(ref _agent);

    public FakePhone Phone { get; private set; } = null!;

    /// <summary>Phone messages the session keeps for its next remote runner while the desktop is in control (the
    /// local runner takes no typed input): not lost, not due until the phone takes control or the session ends
    /// (then it reports them not delivered).</summary>
    public int ParkedMessages
    {
        get
        {
            var s = Session.State;
            return s.Fsm is FsmState.LocalStarting or FsmState.LocalRunning ? s.BufferedMessages.Count : 0;
        }
    }

    /// <summary>Every phone message sent so far was delivered, reported failed, or is parked.</summary>
    public bool NoMessagesDue => Phone.OpenMessages <= ParkedMessages;

    /// <summary>The relay's record of the session.</summary>
    public SessionRecord RelaySession => RelayServer.GetAccount(AccountId).State.Sessions[SessionId];

    public static async Task RunAsync(SimContext context, WorldOptions options, Func<SimWorld, Task> drive)
    {
        ArgumentNullException.ThrowIfNull(drive);
        var world = new SimWorld(context, options);
        await world.StartAsync().ConfigureAwait(false);
        if (options.StartLocal)
        {
            await world.DesktopSwitchAsync(AgentMode.Local).ConfigureAwait(false);
        }

        await drive(world).ConfigureAwait(false);
        await world.SettleAsync().ConfigureAwait(false);
        await world.ProbeRpcAsync().ConfigureAwait(false);
        if (options.ShutdownAtEnd)
        {
            await world.ShutdownCliAsync().ConfigureAwait(false);
            await world.SettleAsync().ConfigureAwait(false);
        }

        world.CheckEndState();
        await world.StopAsync().ConfigureAwait(false);
    }

    /// <summary>What the CLI does at launch before the scenario starts: its terminal and session exist on the relay
    /// (created over the relay's own API: setup, not under test), its socket connects, the phone logs in.</summary>
    private async Task StartAsync()
    {
        var token = _tokens.Issue(AccountId);
        await RelayServer.HandleHttpAsync(token, new CreateTerminalRequest(TerminalId, "bWV0YQ==")).ConfigureAwait(false);
        var created = await RelayServer.HandleHttpAsync(token, new CreateSessionRequest(
            TerminalId + ":sim", TerminalId, "eyJwYXRoIjoiL3dvcmsifQ==", null, Convert.ToBase64String(DataKey))).ConfigureAwait(false);
        SessionId = ((SessionBody)created.Body).Session.Id;
        Context.Log.Add("world", "session", SessionId);

        var engines = new EngineFactory(this);
        Desktop = new SimTakebackWatcher(Context);
        var sessionWorld = new SessionWorld(
            Context.Clock,
            Context.Mailboxes,
            _cliSocket = Network.CreateClient("cli", HandshakeAuth.Session(token, SessionId)),
            engines,
            new Runtime.Session.SequentialIdSource("cli-"),
            new SimRandomBytes("cli"),
            new LogConsole(Context))
        {
            History = new SimSessionHistory(Network, Relay, "cli", token),
            InboxCapacity = Context.Swarm.SessionInboxCapacity,
            Takeback = Desktop,
        };
        var initial = SessionState.Initial(SessionSettings.Create(SessionId, "sim", "/work"));
        IActorObserver<SessionState, SessionEvent, SessionCommand> observer =
            new SessionSafetyObserver(Context.Invariants, Context.Log, localId => Phone?.MessageSettled(localId), Context.ReducedAsks);
        if (Context.SessionObserverFactory is { } extra)
        {
            observer = new CompositeActorObserver<SessionState, SessionEvent, SessionCommand>(extra(initial), observer); // recorded before a check can stop the run
        }

        Session = new SessionRuntime(sessionWorld, initial, DataKey, observer);

        var sdkOptions = new SdkOptions(
            null,
            userToken => Network.CreateClient("phone", HandshakeAuth.User(userToken)),
            new ProtocolSdkCrypto(new SimRandomBytes("phone")),
            Context.Clock,
            Context.Mailboxes,
            new Runtime.Session.SequentialIdSource("phone-").NewLocalId)
        {
            HttpTransport = new SimSdkHttp(Network, Relay, "phone"),
        };
        var client = new DelightClient(sdkOptions);
        Phone = new FakePhone(Context, client, SessionId, () => Network.HeardBy("phone"), sdkOptions.PendingSendTtl);
        client.SetListener(Phone);

        await Session.StartAsync().ConfigureAwait(false);
        await client.SetTokenAsync(token).ConfigureAwait(false);
        var connected = await client.ConnectAsync().ConfigureAwait(false);
        Context.Log.Add("phone", "connect", connected ? "connected" : "not connected yet (the socket keeps trying)");
    }

    /// <summary>The CLI's session socket breaks (a network change); it reconnects after its backoff.</summary>
    public Task BreakCliSocketAsync()
    {
        Context.Log.Add("world", "break", "the CLI's session socket");
        return _cliSocket!.BreakTransportAsync("transport error (network change)");
    }

    /// <summary>The phone changes the model <paramref name="count"/> times, to models the agent offers: in turn, each
    /// waiting for the previous reply, or <paramref name="atOnce"/>, all started together.</summary>
    public async Task ChangeModelsAsync(int count, bool atOnce = false)
    {
        var models = EngineTwinProfiles.For(Options.Agent.Twin).Capabilities.Models;
        var picks = models.Count == 0 ? [] : Enumerable.Range(0, count).Select(i => models[(i + 1) % models.Count]).ToList();
        if (atOnce)
        {
            // Two screens (or a double tap) change the model without waiting for each other: the later change is
            // reduced while the earlier one's persist is still in flight.
            await Delight.Runtime.Actor.Awaits.AllAsync(picks.Select(Phone.ChangeModelAsync)).ConfigureAwait(false);
            return;
        }

        foreach (var model in picks)
        {
            await Phone.ChangeModelAsync(model).ConfigureAwait(false);
        }
    }

    /// <summary>An upstream CLI's keep-alive goroutine writing <c>session-alive</c> beside ours on its own session socket
    /// (S8's second writer); runs <paramref name="ticks"/> reads-then-emits, one per <paramref name="period"/>.</summary>
    public Task RunLegacyKeepAliveAsync(int ticks, TimeSpan period)
    {
        var socket = Network.CreateClient("legacy-cli", HandshakeAuth.Session(_tokens.Issue(AccountId), SessionId));
        return new LegacyKeepAlive(Context, socket, SessionId, () => Session.State.Working).RunAsync(ticks, period);
    }

    /// <summary>The desktop asks for a mode (F1/F3) and waits for the reply; a liveness obligation while it waits.
    /// The reply comes after the state it reports was committed: a reply of mode M finds the committed mode M, or a
    /// later generation.</summary>
    public async Task<SwitchResult> DesktopSwitchAsync(AgentMode target)
    {
        var key = $"desktop-switch-{Interlocked.Increment(ref _desktopSwitches)}";
        Context.Liveness.Open<SwitchRepliedMonitor>(key);
        Context.Log.Add("desktop", "switch", $"{key} to {target}");
        var before = Session.State.RunnerGen;
        var outcome = await Session.SwitchModeAsync(target).ConfigureAwait(false);
        var result = outcome switch
        {
            ReplyMode m => new SwitchResult(m.Mode == AgentMode.Remote ? "remote" : "local", null),
            ReplyError e => new SwitchResult(target == AgentMode.Remote ? "remote" : "local", $"{e.Code}: {e.Message}"),
            _ => new SwitchResult(target.ToString(), "unexpected reply " + outcome),
        };
        if (outcome is ReplyMode reply)
        {
            var state = Session.State;
            Context.Invariants.Check(state.Mode == reply.Mode || state.RunnerGen > before || state.ShutdownRequested, InvariantNames.NoReplyBeforeCommit,
                $"{key} answered {reply.Mode} while the committed state is {state.Fsm} ({state.Mode}, gen {state.RunnerGen})");
        }

        Context.Log.Add("desktop", "switch-reply", $"{key} {result.Mode} {result.Error ?? "ok"}");
        Context.Liveness.Close<SwitchRepliedMonitor>(key);
        return result;
    }

    /// <summary>Shutdown (F7); the reply must only come once Shutdown is committed.</summary>
    public async Task ShutdownCliAsync()
    {
        Context.Log.Add("desktop", "shutdown");
        var outcome = await Session.ShutdownAsync().ConfigureAwait(false);
        var state = Session.State;
        Context.Log.Add("desktop", "shutdown-reply", outcome.ToString());
        Context.Invariants.Check(state.ShutdownRequested && state.Fsm is FsmState.Closing or FsmState.Closed, InvariantNames.NoReplyBeforeCommit,
            $"the shutdown reply came while the committed state is {state.Fsm} (shutdown requested: {state.ShutdownRequested})");
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

            await Phone.ReconcileLostMessagesAsync().ConfigureAwait(false); // a send lost in flight is shown as not sent
            await VirtualDelay.For(Context.Clock, TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Once settled, a live session answers the phone's RPCs whatever reconnects came before (F6 / S14): the
    /// phone asks for the agent's capabilities and the relay must have somewhere to route it.</summary>
    public async Task ProbeRpcAsync()
    {
        var s = Session.State;
        if (s.ShutdownRequested || !s.Connection.SessionSocket || !Phone.Client.IsConnected)
        {
            return;
        }

        var outcome = await Phone.Client.CallRpcAsync(SessionId + ":agent-capabilities", "{}").ConfigureAwait(false);
        Context.Log.Add("phone", "rpc-probe", outcome.Ok ? "answered" : outcome.Error ?? "failed");
        Context.Invariants.Check(outcome.Error is not (RpcErrors.NotAvailable or RpcErrors.Timeout), InvariantNames.RpcReachesSession,
            $"the settled session did not get the phone's agent-capabilities call: {outcome.Error}");
    }

    /// <summary>Heals the network and waits until the CLI, the relay and the phone agree.</summary>
    public async Task SettleAsync()
    {
        Network.Heal();
        Context.ClockDriver.Calm();
        var deadline = Context.Clock.Elapsed + ConvergenceBudget;
        var converged = false;
        var agreements = 0;
        while (Context.Clock.Elapsed < deadline)
        {
            // Agreement counts only with empty wires, and only when it holds at two polls in a row: after the heal the
            // clock fires only once the world is quiet, so a poll that finds agreement again is not a momentary match
            // while something is still in flight.
            if (Converged() && Network.FramesInFlight == 0)
            {
                if (++agreements >= 2)
                {
                    converged = true;
                    break;
                }
            }
            else
            {
                agreements = 0;
                await Phone.ReconcileLostMessagesAsync().ConfigureAwait(false);
                if (Phone.LastSeq < RelaySession.Seq && Phone.Client.IsConnected)
                {
                    // Pull to refresh: the phone's own messages never come back as updates (the relay skips the sender).
                    await Phone.Client.GetMessagesAsync(SessionId, Phone.LastSeq).ConfigureAwait(false);
                }
            }

            await VirtualDelay.For(Context.Clock, TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
        }

        Context.Invariants.Check(converged, InvariantNames.ConvergesAfterHeal, $"no convergence within {ConvergenceBudget.TotalMinutes} virtual minutes: {Describe()}");
    }

    private static bool Transitional(FsmState fsm) => fsm is FsmState.Closing or FsmState.LocalStarting or FsmState.RemoteStarting;

    private bool Converged()
    {
        var s = Session.State;
        var relay = RelaySession;
        return s.Connection.SessionSocket && s.Persist.InFlightSeq is null && !s.Persist.Dirty && !s.Persist.DebounceArmed
            && !Transitional(s.Fsm)
            && relay.AgentStateVersion == s.AgentStateVersion
            && Phone.Client.IsConnected && Phone.AgentStateVersion == relay.AgentStateVersion
            && Phone.LastSeq == relay.Seq
            && relay.Turn.Open == s.Working
            && NoMessagesDue;
    }

    private string Describe()
    {
        var s = Session.State;
        var relay = RelaySession;
        return $"cli {s.Fsm} gen {s.RunnerGen} v{s.AgentStateVersion} inflight={s.Persist.InFlightSeq} dirty={s.Persist.Dirty} debounce={s.Persist.DebounceArmed} " +
            $"socket={s.Connection.SessionSocket} working={s.Working}; relay v{relay.AgentStateVersion} seq {relay.Seq} turn-open={relay.Turn.Open}; " +
            $"phone v{Phone.AgentStateVersion} seq {Phone.LastSeq} connected={Phone.Client.IsConnected} open messages {Phone.OpenMessages}";
    }

    /// <summary>End-state oracles after convergence (RUNTIME.md §9).</summary>
    public void CheckEndState()
    {
        var s = Session.State;
        var relay = RelaySession;
        var requests = string.Join(",", s.AgentState.Requests.Keys.Order(StringComparer.Ordinal));
        var shown = string.Join(",", Phone.PendingPermissions);
        Context.Invariants.Check(requests == shown, InvariantNames.NoGhostPermission,
            $"the phone shows prompts [{shown}] while the session has [{requests}]");
        Context.Invariants.Check(s.PendingPermissions.Count == s.AgentState.Requests.Count, InvariantNames.NoGhostPermission,
            $"{s.PendingPermissions.Count} engine waiters for {s.AgentState.Requests.Count} prompts");
        Context.Invariants.Check(relay.AgentStateVersion == s.AgentStateVersion, InvariantNames.ServerHasLatestState,
            $"relay has version {relay.AgentStateVersion} but the session's latest is {s.AgentStateVersion}");
        var latest = AgentStateJson.Serialize(s.AgentState);
        var stored = relay.AgentState; // the agent state travels as JSON (PROTOCOL.md update-state)
        Context.Invariants.Check(stored == latest, InvariantNames.ServerHasLatestState,
            $"relay stores agent state {stored ?? "(none)"} at v{relay.AgentStateVersion} but the session's latest is {latest}");
        Context.Invariants.Check(relay.Turn.Open == s.Working, InvariantNames.TurnStateFollowsLatestBoundary,
            $"relay says working={relay.Turn.Open}, session says {s.Working}");
        var remoteRuns = s.Fsm == FsmState.RemoteRunning && !s.ShutdownRequested;
        Context.Invariants.Check(Desktop.IsWatching == remoteRuns, InvariantNames.TakebackWatcherFollowsRemote,
            $"the takeback watcher {(Desktop.IsWatching ? "reads" : "does not read")} the terminal while the session is {s.Fsm} " +
            $"({Desktop.Starts} starts, {Desktop.Stops} stops)");
        var alive = Agent?.AliveGenerations ?? [];
        Context.Invariants.Check(alive.Count <= 1 && alive.All(g => g == s.RunnerGen), InvariantNames.AtMostOneRunner,
            $"runners alive [{string.Join(",", alive)}] while the session is {s.Fsm} at gen {s.RunnerGen}");
        if (s.Fsm == FsmState.Closed)
        {
            Context.Invariants.Check(alive.Count == 0, InvariantNames.NoRunnerAfterShutdown, $"runner gen {string.Join(",", alive)} alive after Closed");
        }

        if (s.Fsm is not (FsmState.Closed or FsmState.Closing))
        {
            var remote = s.Fsm is FsmState.RemoteStarting or FsmState.RemoteRunning;
            Context.Invariants.Check(remote == (s.Mode == AgentMode.Remote), InvariantNames.ScenarioOracle,
                $"mode {s.Mode} disagrees with {s.Fsm}");
        }
    }

    public async Task StopAsync()
    {
        await Phone.Client.DisposeAsync().ConfigureAwait(false);
        await Session.StopAsync().ConfigureAwait(false);
        if (Agent is { } agent)
        {
            await agent.DisposeAsync().ConfigureAwait(false);
        }

        await Network.DisposeAsync().ConfigureAwait(false);
        await RelayServer.DisposeAsync().ConfigureAwait(false);
        Context.ClockDriver.Stop();
        await _clockTask.ConfigureAwait(false);
    }

    /// <summary>Creates the scripted engine the first time the session starts a runner, and wires its delivery
    /// reports to the phone's liveness obligations.</summary>
    private sealed class EngineFactory(SimWorld world) : IAgentEngineFactory
    {
        public IAgentEngine Create(string agentType, IAgentHost host)
        {
            var engine = new ScriptedAgentEngine(world.Context, host, world.Options.Agent);
            engine.MessageDelivered += localId => world.Phone?.MessageSettled(localId);
            engine.Starting = spec => world.Desktop.CheckTerminalFree(spec);
            Volatile.Write(ref world._agent, engine);
            return engine;
        }
    }

    /// <summary>The desktop terminal: what the session prints goes to the event log.</summary>
    private sealed class LogConsole(SimContext context) : IDesktopConsole
    {
        public void Print(string text) => context.Log.Add("desktop", "print", text);
    }

    /// <summary>The world's clients hold issued tokens; nobody logs in by challenge.</summary>
    private sealed class NoChallengeLogins : IChallengeVerifier
    {
        public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> challenge, ReadOnlySpan<byte> signature) => false;
    }
}
