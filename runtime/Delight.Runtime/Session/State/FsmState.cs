namespace Delight.Runtime.Session;

/// <summary>The session lifecycle (RUNTIME.md §3.1).</summary>
public enum FsmState
{
    /// <summary>Initial state (may start a runner) and, once <see cref="SessionState.ShutdownRequested"/> is set or a
    /// local runner exited, the terminal state.</summary>
    Closed,
    LocalStarting,
    LocalRunning,

    /// <summary>Remote start issued; phone messages are buffered until Ready.</summary>
    RemoteStarting,
    RemoteRunning,

    /// <summary>Shutdown requested; becomes <see cref="Closed"/> when the runner of generation G exits or stops.</summary>
    Closing,
}
