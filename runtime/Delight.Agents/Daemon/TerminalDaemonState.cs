namespace Delight.Agents.Daemon;

public enum DaemonPhase
{
    Starting,
    Registering,
    Running,
    ShuttingDown,
    Exited,
}

/// <summary>The terminal daemon's state, owned by its actor loop. Immutable.</summary>
public sealed record TerminalDaemonState(
    string TerminalId,
    TerminalMetadata Metadata,
    int Pid,
    DaemonPhase Phase,
    bool Connected,
    long StartedAtMs,
    long DaemonStateVersion,
    bool Registered,
    bool RunningStateWritten,
    int? ShutdownExitCode)
{
    public static TerminalDaemonState Initial(string terminalId, TerminalMetadata metadata, int pid) =>
        new(terminalId, metadata, pid, DaemonPhase.Starting, false, 0, 0, false, false, null);
}
