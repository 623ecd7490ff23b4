namespace Delight.Sim.Swarm;

/// <summary>
/// One iteration's configuration, drawn from the seed before anything runs (TigerBeetle VOPR's options_swarm):
/// scenario parameters and fault rates in percent. Drawn through <see cref="SimRandom"/>, so a reproducible trace
/// replays the same configuration. Written into every bug file's header.
/// </summary>
public sealed record SwarmConfig(
    int MessageCount,
    int PhoneTasks,
    int DelayPercent,
    int DisconnectPercent,
    bool LoseInFlightOnDisconnect,
    int DuplicatePercent,
    int AckLossPercent,
    int RelayRestartPercent,
    int HttpFailurePercent,
    int AgentCrashPercent,
    int AgentReadySteps,
    bool AgentNeverReady,
    int AgentSlowSendPercent,
    int PermissionCount)
{
    /// <summary>The CLI session inbox's capacity: the runtime's default unless the profile asks for backpressure,
    /// then 1 to 3 slots. Drawn after the positional fields, so adding it kept their draws.</summary>
    public int SessionInboxCapacity { get; init; } = DefaultInboxCapacity;

    public const int DefaultInboxCapacity = 8192;

    /// <summary>Percent of client-side drops the relay notices only after the client has reconnected (a half-open
    /// transport found by the server's ping timeout, F6): the old connection's disconnect then arrives late.</summary>
    public int LateServerDisconnectPercent { get; init; }

    /// <summary>Percent of successful HTTP calls whose answer travels slowly (1-8 virtual seconds after the relay
    /// answered): the caller acts on a snapshot older than what the relay stores by then (a catch-up fetch answering
    /// after a reconnect started a newer one). Drawn last, so adding it kept the earlier draws.</summary>
    public int SlowHttpPercent { get; init; }

    public static SwarmConfig Quiet { get; } = new(2, 1, 0, 0, false, 0, 0, 0, 0, 0, 1, false, 0, 1);

    public static SwarmConfig Draw(SimRandom random, SwarmProfile profile)
    {
        int Rate(SwarmProfile kind, int max) => profile.HasFlag(kind) ? random.Between(0, max) : 0;

        return new SwarmConfig(
            MessageCount: random.Between(1, 4),
            PhoneTasks: random.Between(1, 3),
            DelayPercent: Rate(SwarmProfile.Delay, 50),
            DisconnectPercent: Rate(SwarmProfile.Disconnect, 20),
            LoseInFlightOnDisconnect: profile.HasFlag(SwarmProfile.Disconnect) && random.NextBool(),
            DuplicatePercent: Rate(SwarmProfile.Duplicate, 30),
            AckLossPercent: Rate(SwarmProfile.AckLoss, 30),
            RelayRestartPercent: Rate(SwarmProfile.RelayRestart, 10),
            HttpFailurePercent: Rate(SwarmProfile.HttpFaults, 40),
            AgentCrashPercent: Rate(SwarmProfile.AgentCrash, 30),
            AgentReadySteps: random.Between(0, 3),
            AgentNeverReady: profile.HasFlag(SwarmProfile.AgentNeverReady) && random.NextInt(4) == 0,
            AgentSlowSendPercent: Rate(SwarmProfile.SlowAgent, 60),
            PermissionCount: random.Between(1, 3))
        {
            SessionInboxCapacity = profile.HasFlag(SwarmProfile.Backpressure) ? random.Between(1, 3) : DefaultInboxCapacity,
            LateServerDisconnectPercent = Rate(SwarmProfile.Disconnect, 60),
            SlowHttpPercent = profile.HasFlag(SwarmProfile.SlowHttp) ? random.Between(40, 90) : Rate(SwarmProfile.HttpFaults, 50),
        };
    }
}
