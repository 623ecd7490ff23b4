using Delight.Sim.Swarm;

namespace Delight.Sim.Exploration.Shrinking;

/// <summary>
/// The knobs of <see cref="SwarmConfig"/> in the order the shrinker tries them: faults first (switching one off
/// usually removes the most events), then the sizes. The smallest sizes are the smallest <see cref="SwarmConfig.Draw"/>
/// draws; the tight session inbox counts as a fault whose quiet value is the runtime's default capacity.
/// </summary>
public static class SwarmKnobs
{
    public static IReadOnlyList<SwarmKnob> All { get; } =
    [
        Fault(nameof(SwarmConfig.DelayPercent), c => c.DelayPercent, (c, v) => c with { DelayPercent = v }),
        Fault(nameof(SwarmConfig.DisconnectPercent), c => c.DisconnectPercent, (c, v) => c with { DisconnectPercent = v }),
        Fault(nameof(SwarmConfig.LoseInFlightOnDisconnect), c => c.LoseInFlightOnDisconnect ? 1 : 0, (c, v) => c with { LoseInFlightOnDisconnect = v != 0 }),
        Fault(nameof(SwarmConfig.LateServerDisconnectPercent), c => c.LateServerDisconnectPercent, (c, v) => c with { LateServerDisconnectPercent = v }),
        Fault(nameof(SwarmConfig.DuplicatePercent), c => c.DuplicatePercent, (c, v) => c with { DuplicatePercent = v }),
        Fault(nameof(SwarmConfig.AckLossPercent), c => c.AckLossPercent, (c, v) => c with { AckLossPercent = v }),
        Fault(nameof(SwarmConfig.RelayRestartPercent), c => c.RelayRestartPercent, (c, v) => c with { RelayRestartPercent = v }),
        Fault(nameof(SwarmConfig.HttpFailurePercent), c => c.HttpFailurePercent, (c, v) => c with { HttpFailurePercent = v }),
        Fault(nameof(SwarmConfig.SlowHttpPercent), c => c.SlowHttpPercent, (c, v) => c with { SlowHttpPercent = v }),
        Fault(nameof(SwarmConfig.AgentCrashPercent), c => c.AgentCrashPercent, (c, v) => c with { AgentCrashPercent = v }),
        Fault(nameof(SwarmConfig.AgentNeverReady), c => c.AgentNeverReady ? 1 : 0, (c, v) => c with { AgentNeverReady = v != 0 }),
        Fault(nameof(SwarmConfig.AgentSlowSendPercent), c => c.AgentSlowSendPercent, (c, v) => c with { AgentSlowSendPercent = v }),
        new(nameof(SwarmConfig.SessionInboxCapacity), SwarmKnobKind.Fault, SwarmConfig.DefaultInboxCapacity, c => c.SessionInboxCapacity, (c, v) => c with { SessionInboxCapacity = v }),
        Size(nameof(SwarmConfig.MessageCount), 1, c => c.MessageCount, (c, v) => c with { MessageCount = v }),
        Size(nameof(SwarmConfig.PhoneTasks), 1, c => c.PhoneTasks, (c, v) => c with { PhoneTasks = v }),
        Size(nameof(SwarmConfig.PermissionCount), 1, c => c.PermissionCount, (c, v) => c with { PermissionCount = v }),
        Size(nameof(SwarmConfig.AgentReadySteps), 0, c => c.AgentReadySteps, (c, v) => c with { AgentReadySteps = v }),
    ];

    /// <summary>How many faults of <paramref name="config"/> are on.</summary>
    public static int ActiveFaults(SwarmConfig config) => All.Count(k => k.Kind == SwarmKnobKind.Fault && k.IsActive(config));

    /// <summary>The sum of the sizes above their smallest values (0: every size at its smallest).</summary>
    public static int SizeExcess(SwarmConfig config) => All.Where(k => k.Kind == SwarmKnobKind.Size).Sum(k => k.Read(config) - k.Quiet);

    private static SwarmKnob Fault(string name, Func<SwarmConfig, int> read, Func<SwarmConfig, int, SwarmConfig> write) =>
        new(name, SwarmKnobKind.Fault, 0, read, write);

    private static SwarmKnob Size(string name, int smallest, Func<SwarmConfig, int> read, Func<SwarmConfig, int, SwarmConfig> write) =>
        new(name, SwarmKnobKind.Size, smallest, read, write);
}
