namespace Delight.Protocol.Wire.Rpc;

/// <summary>Value sets of the agent configuration (§5.3).</summary>
public static class AgentConfigValueSets
{
    public static IReadOnlyList<string> PermissionModes { get; } = ["default", "read-only", "safe-yolo", "yolo"];

    public static IReadOnlyList<string> ReasoningEfforts { get; } = ["minimal", "low", "medium", "high", "xhigh"];

    public static IReadOnlyList<string> SwitchModes { get; } = ["local", "remote"];
}
