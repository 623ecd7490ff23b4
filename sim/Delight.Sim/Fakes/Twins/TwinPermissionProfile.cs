namespace Delight.Sim.Fakes.Twins;

/// <summary>How the agent asks for a permission.</summary>
/// <param name="Style">Control request (Claude), awaiting run (ACP) or none.</param>
/// <param name="RequestIdPrefix">Request ids are this prefix and a per-engine number (<c>acp-&lt;run&gt;</c> for ACP).</param>
/// <param name="ToolName">The tool name the phone shows (<c>Bash</c>, <c>acp.await</c>).</param>
/// <param name="Timeout">How long the engine waits for the phone (5 min) before it denies on its own.</param>
/// <param name="TimeoutDenyMessage">The deny message when the wait times out.</param>
/// <param name="WithdrawnByAbort">Abort withdraws the prompt (ours: both Claude and ACP).</param>
public sealed record TwinPermissionProfile(
    PermissionStyle Style,
    string RequestIdPrefix,
    string ToolName,
    TimeSpan Timeout,
    string TimeoutDenyMessage,
    bool WithdrawnByAbort)
{
    public static TwinPermissionProfile None { get; } = new(PermissionStyle.None, string.Empty, string.Empty, TimeSpan.Zero, string.Empty, false);
}
