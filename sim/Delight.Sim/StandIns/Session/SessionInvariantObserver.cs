using Delight.Runtime.Actor;
using Delight.Sim.Invariants;

namespace Delight.Sim.StandIns.Session;

/// <summary>Safety checks on every reduction of the session: the agent-state version never goes backwards; once
/// Shutdown is reduced, Closing/Closed are absorbing and no command starts a runner.</summary>
public sealed class SessionInvariantObserver(InvariantChecker invariants) : IActorObserver<SessionState, SessionEvent, SessionCommand>
{
    public void OnTransition(SessionState previous, SessionEvent @event, SessionState next, ReadOnlySpan<SessionCommand> commands)
    {
        invariants.Check(next.AgentStateVersion >= previous.AgentStateVersion, InvariantNames.AgentStateVersionMonotonic,
            $"agent-state version went from {previous.AgentStateVersion} to {next.AgentStateVersion} on {@event}");
        if (previous.ShutdownReduced)
        {
            invariants.Check(next.ShutdownReduced && next.Fsm is SessionFsm.Closing or SessionFsm.Closed, InvariantNames.NoRunnerAfterShutdown,
                $"left {previous.Fsm} for {next.Fsm} after Shutdown on {@event}");
        }

        if (next.ShutdownReduced)
        {
            foreach (var command in commands)
            {
                invariants.Check(command is not StartRunner, InvariantNames.NoRunnerAfterShutdown,
                    $"{command} produced after Shutdown was reduced (on {@event})");
            }
        }
    }
}
