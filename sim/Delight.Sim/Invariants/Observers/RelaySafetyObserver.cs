using Delight.Runtime.Actor;
using Delight.Runtime.Relay.Commands;
using Delight.Runtime.Relay.Events;
using Delight.Runtime.Relay.State;
using Delight.Sim.Recording;

namespace Delight.Sim.Invariants.Observers;

/// <summary>
/// Watches every transition of the real relay's account runtime: per session, message seqs stay gap-free and
/// increasing (each stored message has seq = its position, the last one = the session's seq) and the agent-state
/// version never goes back. Logs what each event did to the sessions it touched.
/// </summary>
public sealed class RelaySafetyObserver(InvariantChecker invariants, SimLog log) : IActorObserver<AccountState, RelayEvent, RelayCommand>
{
    public void OnTransition(AccountState previous, RelayEvent @event, AccountState next, ReadOnlySpan<RelayCommand> commands)
    {
        if (ReferenceEquals(previous.Sessions, next.Sessions))
        {
            return;
        }

        foreach (var (id, session) in next.Sessions)
        {
            if (!previous.Sessions.TryGetValue(id, out var before) || ReferenceEquals(before, session))
            {
                continue;
            }

            if (session.Seq != before.Seq)
            {
                invariants.Check(session.Seq > before.Seq, InvariantNames.RelaySeqsGapFree,
                    $"session {id} seq went from {before.Seq} to {session.Seq} on {@event.GetType().Name}");
                for (var i = before.Messages.Count; i < session.Messages.Count; i++)
                {
                    var message = session.Messages[i];
                    invariants.Check(message.Seq == i + 1, InvariantNames.RelaySeqsGapFree,
                        $"session {id} stored message #{i + 1} with seq {message.Seq}");
                }

                invariants.Check(session.Messages.Count == session.Seq, InvariantNames.RelaySeqsGapFree,
                    $"session {id} has seq {session.Seq} but {session.Messages.Count} messages");
                log.Add("relay", "stored", $"{id} seq {session.Seq} ({session.Messages[^1].LocalId ?? "no local id"})");
            }

            invariants.Check(session.AgentStateVersion >= before.AgentStateVersion, InvariantNames.AgentStateVersionMonotonic,
                $"relay's agent-state version of {id} went from {before.AgentStateVersion} to {session.AgentStateVersion}");
            if (session.AgentStateVersion != before.AgentStateVersion)
            {
                log.Add("relay", "agent-state", $"{id} v{session.AgentStateVersion}");
            }

            if (session.Turn != before.Turn || session.Active != before.Active)
            {
                log.Add("relay", "activity", $"{id} active={session.Active} turn={session.Turn}");
            }
        }
    }
}
