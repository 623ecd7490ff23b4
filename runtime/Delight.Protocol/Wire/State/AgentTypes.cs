namespace Delight.Protocol.Wire.State;

/// <summary>Values of <c>agentState.agentType</c>.</summary>
public static class AgentTypes
{
    public const string Codex = "codex";
    public const string Claude = "claude";
    public const string Acp = "acp";
    public const string Fake = "fake";
}
