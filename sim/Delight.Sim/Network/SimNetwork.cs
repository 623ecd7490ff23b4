using Delight.Runtime.Mailbox;
using Delight.Runtime.Relay.Connections;
using Delight.Sim.Recording;
using Delight.Sim.Swarm;

namespace Delight.Sim.Network;

/// <summary>
/// The simulated network between the clients (CLI, phone) and the relay: Socket.IO connections with per-connection
/// FIFO and faults drawn from the swarm configuration, plus the HTTP path. <see cref="Heal"/> turns faults off so a
/// scenario can check that everything converges.
/// </summary>
public sealed class SimNetwork
{
    private readonly object _gate = new();
    private readonly List<SimSocketConnection> _connections = [];
    private ISimRelayEndpoint? _relay;

    public SimNetwork(SimRandom random, TimeProvider clock, SimLog log, SwarmConfig swarm, MailboxActivity? activity = null)
    {
        Activity = activity;
        Random = random;
        Clock = clock;
        Log = log;
        Swarm = swarm;
    }

    internal MailboxActivity? Activity { get; }

    internal SimRandom Random { get; }

    internal TimeProvider Clock { get; }

    internal SimLog Log { get; }

    internal SwarmConfig Swarm { get; }

    /// <summary>False once healed: no new delay, loss, duplicate or disconnect is injected.</summary>
    public bool FaultsEnabled { get; private set; } = true;

    /// <summary>At most this many disconnects per connection, so every run can still make progress.</summary>
    public int MaxDisconnectsPerConnection { get; init; } = 2;

    internal ISimRelayEndpoint Relay => _relay ?? throw new InvalidOperationException("no relay attached to the network");

    public void AttachRelay(ISimRelayEndpoint relay) => _relay = relay;

    private long _inFlight;

    /// <summary>Frames queued or being delivered on any connection (delays included). Zero means the wires are empty.</summary>
    private readonly object _flightGate = new();

    public long FramesInFlight
    {
        get
        {
            lock (_flightGate)
            {
                return _inFlight;
            }
        }
    }

    internal void FrameQueued()
    {
        lock (_flightGate)
        {
            _inFlight++;
        }
    }

    internal void FrameDone()
    {
        lock (_flightGate)
        {
            _inFlight--;
        }
    }

    private readonly Dictionary<string, long> _heard = new(StringComparer.Ordinal);

    /// <summary>How many frames and HTTP answers have started to reach client <paramref name="name"/>: everything it could
    /// have learned from the relay. Counted before the client sees them, so an unchanged count brackets a quiet
    /// stretch.</summary>
    public long HeardBy(string name)
    {
        lock (_flightGate)
        {
            return _heard.GetValueOrDefault(name);
        }
    }

    internal void Heard(string name)
    {
        lock (_flightGate)
        {
            _heard[name] = _heard.GetValueOrDefault(name) + 1;
        }
    }

    public SimSocketConnection CreateClient(string name, HandshakeAuth auth)
    {
        var connection = new SimSocketConnection(this, name, auth);
        lock (_gate)
        {
            _connections.Add(connection);
        }

        return connection;
    }

    public void Heal()
    {
        FaultsEnabled = false;
        Log.Add("net", "healed", "no more faults");
    }

    /// <summary>Relay restart: every connection drops (and reconnects after its backoff).</summary>
    public async Task RestartRelayAsync()
    {
        Log.Add("net", "relay-restart");
        SimSocketConnection[] all;
        lock (_gate)
        {
            all = [.. _connections];
        }

        foreach (var connection in all)
        {
            await connection.DropAsync("relay restart", countsAgainstBudget: false).ConfigureAwait(false);
        }
    }

    internal bool Roll(int percent) => FaultsEnabled && Random.Chance(percent);

    public async Task DisposeAsync()
    {
        SimSocketConnection[] all;
        lock (_gate)
        {
            all = [.. _connections];
            _connections.Clear();
        }

        foreach (var connection in all)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
