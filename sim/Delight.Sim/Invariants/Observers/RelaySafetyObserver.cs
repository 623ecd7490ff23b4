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
/// <param name="sessionOnline">Whether the CLI's current session connection is live (the network's truth) and already
/// registered in the relay's state before the event (given): the relay must not mark a session offline while it is (F6:
/// an old socket's late disconnect). A connection the relay has not taken in yet does not count: a disconnect queued
/// before it may rightly mark the session offline (found as a false alarm in S8, seed 8, with the legacy CLI's socket).</param>
public sealed class RelaySafetyObserver(InvariantChecker invariants, SimLog log, Func<string, AccountState, bool>? sessionOnline = null)
    : IActorObserver<AccountState, RelayEvent, RelayCommand>
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

            if (before.Active && !session.Active && sessionOnline is not null)
            {
                invariants.Check(!sessionOnline(id, previous), InvariantNames.OnlineFollowsSessionSocket,
                    $"session {id} marked offline on {@event.GetType().Name} while its CLI connection is live");
            }

            if (@event is SessionAliveReceived alive && session.Turn.Open != before.Turn.Open)
            {
                invariants.Check(!Older(alive, before.Turn), InvariantNames.TurnStateFollowsLatestBoundary,
                    $"session {id}: a session-alive(working={alive.Payload.Working}, time {alive.Payload.Time}, turn {alive.Payload.Turn}) older than the last boundary " +
                    $"(time {before.Turn.BoundaryAtMs}, turn {before.Turn.BoundaryTurn}) {(session.Turn.Open ? "reopened" : "closed")} the turn");
            }

            if (session.Turn != before.Turn || session.Active != before.Active)
            {
                log.Add("relay", "activity", $"{id} active={session.Active} turn={session.Turn}");
            }
        }
    }

    /// <summary>PROTOCOL.md §10 / S8: a boundary is ordered by turn id when both sides have one ((n, working) &lt; (n, idle)
    /// &lt; (n+1, working)), else by time (0 = now, a future time counts as now).</summary>
    private static bool Older(SessionAliveReceived alive, TurnState last)
    {
        var p = alive.Payload;
        if (p.Turn > 0 && last.BoundaryTurn > 0)
        {
            return (p.Turn * 2) + (p.Working ? 0 : 1) < (last.BoundaryTurn * 2) + (last.BoundaryWorking ? 0 : 1);
        }

        var time = p.Time == 0 || p.Time > alive.NowMs ? alive.NowMs : p.Time;
        return time < last.BoundaryAtMs;
    }
}
