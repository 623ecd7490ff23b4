namespace Delight.Runtime.Relay.Connections;

/// <summary>The Socket.IO CONNECT <c>auth</c> object as sent (PROTOCOL.md §1.3); validated by the relay.</summary>
public sealed record HandshakeAuth(string? Token, string? ClientType, string? SessionId = null, string? TerminalId = null)
{
    public const string UserScoped = "user-scoped";
    public const string SessionScoped = "session-scoped";
    public const string TerminalScoped = "terminal-scoped";

    public static HandshakeAuth User(string token) => new(token, UserScoped);

    public static HandshakeAuth Session(string token, string sessionId) => new(token, SessionScoped, sessionId);

    public static HandshakeAuth Terminal(string token, string terminalId) => new(token, TerminalScoped, null, terminalId);
}
