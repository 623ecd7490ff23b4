namespace Delight.Runtime.Relay.Connections;

/// <summary>What the account runtime knows about one authenticated connection.</summary>
public sealed record ConnectionInfo(string Id, string AccountId, ClientScope Scope, string? SessionId, string? TerminalId)
{
    /// <summary>"update to session" (PROTOCOL.md §1.4): user-scoped sockets and the session's own session-scoped sockets.</summary>
    public bool ReceivesSessionUpdate(string sessionId) => Scope switch
    {
        ClientScope.UserScoped => true,
        ClientScope.SessionScoped => SessionId == sessionId,
        _ => false,
    };
}
