namespace Delight.Agents.Daemon;

/// <summary>Delays of the daemon (ENGINES.md §9, PROTOCOL.md §2: <c>terminal-alive</c> every 20 s).</summary>
public sealed record TerminalDaemonTimings(TimeSpan AliveInterval, TimeSpan ShutdownStep, TimeSpan Watchdog, TimeSpan RegistrationRetry)
{
    public static TerminalDaemonTimings Default { get; } = new(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
}
