namespace Delight.Sim.Swarm;

/// <summary>Which fault kinds a scenario lets the swarm draw (the rates themselves come from the seed).</summary>
[Flags]
public enum SwarmProfile
{
    None = 0,
    Delay = 1,
    Disconnect = 2,
    Duplicate = 4,
    AckLoss = 8,
    RelayRestart = 16,
    HttpFaults = 32,
    AgentCrash = 64,
    SlowAgent = 128,
    AgentNeverReady = 256,

    /// <summary>The session inbox holds only a few events, so producers meet a full inbox (S13).</summary>
    Backpressure = 512,

    /// <summary>Most HTTP answers travel slowly (the catch-up fetch of one connection answers after the next one's).</summary>
    SlowHttp = 1024,
    Network = Delay | Disconnect | Duplicate | AckLoss,
    All = Network | RelayRestart | HttpFaults | AgentCrash | SlowAgent | AgentNeverReady | Backpressure | SlowHttp,
}
