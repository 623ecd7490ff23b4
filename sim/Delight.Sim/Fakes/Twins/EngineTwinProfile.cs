using Delight.Runtime.Agents;

namespace Delight.Sim.Fakes.Twins;

/// <summary>
/// The behaviour of one real engine that its simulated twin reproduces: what the runtime sees (event kinds and their
/// order, when a send returns, exits, permission round trips) and the bounds its delays are drawn within. Values come
/// from ENGINES.md and from our engines in runtime/Delight.Agents; where the two disagree the profile follows ours.
/// The instances live in <see cref="EngineTwinProfiles"/>.
/// </summary>
/// <param name="RecordModel">The <c>model</c> of the assistant text records the engine emits.</param>
public sealed record EngineTwinProfile(
    EngineKind Kind,
    string AgentType,
    AgentCapabilities Capabilities,
    string RecordModel,
    TwinStartProfile Start,
    TwinTurnProfile Turn,
    TwinPermissionProfile Permissions,
    TwinExitProfile Exit,
    TwinLocalProfile Local)
{
    public bool AsksPermissions => Permissions.Style != PermissionStyle.None;

    public bool CanCrash => Exit.Crash != CrashStyle.Never;

    public bool CanFailStart => Start.FailureMessage is not null;
}
