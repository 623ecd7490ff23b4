namespace Delight.Runtime.Sdk;

/// <summary>
/// The phone's cached view of one session (RUNTIME.md §4.3), owned by the dispatcher. <see cref="SendPendingUntilMs"/>
/// is the 3.10-H fix: after a send the session counts as busy until the relay reports the turn (activity
/// <c>working=true</c>) or the TTL passes, so two quick sends cannot both pass a gate that has not heard of the first.
/// </summary>
public sealed record SessionCacheEntry(
    string Id,
    bool Online,
    bool Working,
    long WorkingSeenAtMs,
    bool ControlledByUser,
    long AgentStateVersion,
    bool Switching,
    string Transition,
    long SwitchingAtMs,
    long SendPendingUntilMs,
    long FetchedAtMs)
{
    /// <summary>The agent state (plaintext JSON, PROTOCOL.md §6.6) of version <see cref="AgentStateVersion"/>.</summary>
    public string? AgentStateJson { get; init; }

    public static SessionCacheEntry New(string id) => new(id, false, false, 0, false, -1, false, string.Empty, 0, 0, 0);

    public SessionControlState ControlState(bool connected) =>
        !connected ? SessionControlState.Disconnected
        : !Online ? SessionControlState.Offline
        : ControlledByUser ? SessionControlState.Local
        : SessionControlState.Remote;

    public SessionUi DeriveUi(bool connected, long nowMs, long switchingTtlMs)
    {
        var state = ControlState(connected);
        var switching = Switching && nowMs - SwitchingAtMs <= switchingTtlMs;
        var stable = state switch
        {
            SessionControlState.Local => "local",
            SessionControlState.Remote => "remote",
            _ => string.Empty,
        };
        var busy = Working || SendPendingUntilMs > nowMs;
        return new SessionUi(connected, state is SessionControlState.Local or SessionControlState.Remote, busy, stable, switching, switching ? Transition : string.Empty);
    }
}
