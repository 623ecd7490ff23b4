using System.Collections.Immutable;
using Delight.Runtime.Agents;
using Delight.Runtime.Session;

namespace Delight.Runtime.Capture;

/// <summary>
/// The session state's observable essentials after an input, recorded with each input so that a replay reports the
/// state fields that differ at the first divergence (not only the commands). Small on purpose: no user data.
/// </summary>
public sealed record StateDigest(
    FsmState Fsm,
    AgentMode Mode,
    long RunnerGen,
    bool Working,
    bool ShutdownRequested,
    bool ControlledByUser,
    long AgentStateVersion,
    int PendingSwitches,
    int BufferedMessages,
    ImmutableArray<string> PendingRequests,
    long? PersistInFlightSeq,
    bool PersistDebounceArmed,
    bool SessionSocket)
{
    public static StateDigest Of(SessionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new StateDigest(
            state.Fsm,
            state.Mode,
            state.RunnerGen,
            state.Working,
            state.ShutdownRequested,
            state.AgentState.ControlledByUser,
            state.AgentStateVersion,
            state.PendingSwitches.Count,
            state.BufferedMessages.Count,
            [.. state.AgentState.Requests.Keys.Order(StringComparer.Ordinal)],
            state.Persist.InFlightSeq,
            state.Persist.DebounceArmed,
            state.Connection.SessionSocket);
    }

    /// <summary>Field-by-field differences, as "field: expected → actual".</summary>
    public IReadOnlyList<string> DiffersFrom(StateDigest actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var differences = new List<string>();
        void Compare<T>(string name, T expected, T got)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, got))
            {
                differences.Add($"{name}: {expected} → {got}");
            }
        }

        Compare("fsm", Fsm, actual.Fsm);
        Compare("mode", Mode, actual.Mode);
        Compare("runnerGen", RunnerGen, actual.RunnerGen);
        Compare("working", Working, actual.Working);
        Compare("shutdownRequested", ShutdownRequested, actual.ShutdownRequested);
        Compare("controlledByUser", ControlledByUser, actual.ControlledByUser);
        Compare("agentStateVersion", AgentStateVersion, actual.AgentStateVersion);
        Compare("pendingSwitches", PendingSwitches, actual.PendingSwitches);
        Compare("bufferedMessages", BufferedMessages, actual.BufferedMessages);
        Compare("pendingRequests", string.Join(",", PendingRequests), string.Join(",", actual.PendingRequests));
        Compare("persistInFlightSeq", PersistInFlightSeq, actual.PersistInFlightSeq);
        Compare("persistDebounceArmed", PersistDebounceArmed, actual.PersistDebounceArmed);
        Compare("sessionSocket", SessionSocket, actual.SessionSocket);
        return differences;
    }
}
