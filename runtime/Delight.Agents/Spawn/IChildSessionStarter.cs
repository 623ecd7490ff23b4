namespace Delight.Agents.Spawn;

/// <summary>Starts a full child session in a directory (HTTP plus sockets, terminal socket disabled) and returns its
/// session id, which may differ from the stored one. Implemented by the CLI's session manager.</summary>
public interface IChildSessionStarter
{
    Task<string> StartChildAsync(string directory, CancellationToken cancellationToken);
}
