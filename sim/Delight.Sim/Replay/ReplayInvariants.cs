using Delight.Runtime.Session;

namespace Delight.Sim.Replay;

/// <summary>
/// The simulation's safety invariants that can be judged from one runtime's transitions alone, so a replay (or a
/// replay under exploration) checks them along the way. Returns the first violation as text; stateless callers
/// create one instance per run.
/// </summary>
public sealed class ReplayInvariants
{
    private readonly HashSet<long> _repliedIds = [];
    private readonly HashSet<long> _decidedIds = [];
    private readonly HashSet<long> _deliveredMessages = [];
    private long _lastStartedGeneration = long.MinValue;

    public const string VersionMonotonic = "agent-state-version-monotonic";
    public const string NoStartAfterShutdown = "no-runner-start-after-shutdown";
    public const string GenerationsIncrease = "runner-generations-increase";
    public const string ReplyOnce = "reply-exactly-once";
    public const string DecisionOnce = "permission-resolved-once";
    public const string MessageAtMostOnce = "message-delivered-at-most-once";

    /// <summary>Checks one transition; returns (invariant, detail) of the first violation, or null.</summary>
    public (string Invariant, string Detail)? Check(SessionState previous, SessionEvent @event, SessionState next, ReadOnlySpan<SessionCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        if (next.AgentStateVersion < previous.AgentStateVersion)
        {
            return (VersionMonotonic, $"agent state version went from {previous.AgentStateVersion} to {next.AgentStateVersion} on {@event.GetType().Name}");
        }

        if (@event is AgentDeliveryFailed failed)
        {
            _deliveredMessages.Remove(failed.Message.Seq); // a failed delivery may be retried
        }

        foreach (var command in commands)
        {
            switch (command)
            {
                case StartRunner start when previous.ShutdownRequested:
                    return (NoStartAfterShutdown, $"start of runner {start.Generation} ({start.Mode}) after shutdown was reduced");
                case StartRunner start when start.Generation <= _lastStartedGeneration:
                    return (GenerationsIncrease, $"runner {start.Generation} started after runner {_lastStartedGeneration}");
                case StartRunner start:
                    _lastStartedGeneration = start.Generation;
                    break;
                case CompleteReply reply when !_repliedIds.Add(reply.ReplyId):
                    return (ReplyOnce, $"reply {reply.ReplyId} completed twice");
                case CompletePermissionDecision decision when !_decidedIds.Add(decision.DecisionId):
                    return (DecisionOnce, $"permission decision {decision.DecisionId} completed twice");
                case SendToAgent send when !_deliveredMessages.Add(send.Message.Seq):
                    return (MessageAtMostOnce, $"message {send.Message.Seq} sent to the agent twice without a failed delivery");
                case InjectToAgent inject when !_deliveredMessages.Add(inject.Message.Seq):
                    return (MessageAtMostOnce, $"message {inject.Message.Seq} injected twice without a failed delivery");
            }
        }

        return null;
    }
}
