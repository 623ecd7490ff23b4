using Delight.Runtime.Agents;

namespace Delight.Runtime.Session;

/// <summary>A switch caller waiting for its reply. Policy (fix for 3.10-B): a caller asking for the mode the session
/// is already heading to joins the wait and is answered with the later one; a caller whose target is overtaken by a
/// switch to the other mode is answered at once with <see cref="ReplyErrorCode.Superseded"/>.</summary>
public sealed record PendingSwitch(long ReplyId, AgentMode Target);
