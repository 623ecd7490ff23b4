namespace Delight.Runtime.Agents;

/// <summary>Who controls the session: the desktop (local) or the phone (remote).</summary>
public enum AgentMode
{
    Local,
    Remote,
}
