namespace Delight.Agents.Daemon;

/// <summary><c>POST /v1/terminals</c> (PROTOCOL.md §7.2) with the encrypted metadata and daemon state. Implemented by
/// the HTTP adapter; an existing terminal is returned unchanged.</summary>
public interface ITerminalApi
{
    Task<TerminalRegistration> RegisterTerminalAsync(string terminalId, string metadataCiphertext, string daemonStateCiphertext, CancellationToken cancellationToken);
}

/// <summary>Ends the process. Production calls <see cref="Environment.Exit(int)"/>; tests record the code.</summary>
public interface IProcessExit
{
    void Exit(int exitCode);
}

/// <summary>Closes the CLI session (sockets, child sessions, the session actor and its engine).</summary>
public interface ISessionCloser
{
    Task CloseAsync(CancellationToken cancellationToken);
}

public sealed class EnvironmentProcessExit : IProcessExit
{
    public static EnvironmentProcessExit Instance { get; } = new();

    public void Exit(int exitCode) => Environment.Exit(exitCode);
}
