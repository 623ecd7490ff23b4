using Delight.Scenarios.Scenarios;
using Delight.Sim.Exploration;

namespace Delight.Scenarios;

/// <summary>Every scenario, by name, for the NUnit tests and for `delight-sim explore`.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new S01TwoQuickMessages(),
        new S02MessageWhileLocalFailingStart(),
        new S03DoubleTakeControl(),
        new S04PermissionVersusBlockedEffects(),
        new S05PermissionDecisionMatrix(),
        new S06ReconnectAndVersioning(),
        new S07RapidModeCycling(),
        new S08KeepAliveVersusTurns(),
        new S09ShutdownRaces(),
        new S10ReplyPurity(),
        new S11CatchUpAcrossReconnects(),
    ];

    public static IScenario? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? All.FirstOrDefault(s => s.Name.StartsWith(name + "-", StringComparison.OrdinalIgnoreCase));
}
